using System.Management.Automation;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Interop;

/// <summary>s_server's connected commands as cmdlets, against a live openssl s_client.</summary>
public sealed class ConnectedCommandTests : IDisposable
{
    private readonly PowerShellSession _ps = new();
    private readonly List<SClientProcess> _clients = new();

    [Fact]
    public void KeyUpdateReachesSClientWhichAnswersTheRequestAndDataStillFlows()
    {
        var client = Connect("-Protocol Tls13 -Www", "-msg", "-crlf");

        var result = _ps.Run("Invoke-TlsRenegotiation -Session $session -RequestPeerUpdate -TimeoutSec 0").Single();

        Assert.Equal("KeyUpdate", result.Properties["Method"].Value.ToString());
        Assert.True((bool)result.Properties["UpdateRequested"].Value);
        client.WaitForOutput("<<< TLS 1.3, Handshake [length 0005], KeyUpdate");
        // OpenSSL answers the request before its next write: send an HTTP request under the updated keys.
        client.WriteLine("GET / HTTP/1.0");
        client.WriteLine(string.Empty);
        client.WaitForOutput("HTTP/1.1 200 OK");
        client.WaitForExit();
        Assert.Contains(">>> TLS 1.3, Handshake [length 0005], KeyUpdate", client.Output);
        var ended = EndedSession();
        Assert.Equal(1, (int)ended.Properties["KeyUpdatesSent"].Value);
        Assert.Equal(1, (int)ended.Properties["KeyUpdatesReceived"].Value);
        Assert.Equal("Closed", ended.Properties["State"].Value.ToString());
        Assert.Equal(1L, _ps.Get<long>("$server.Statistics.KeyUpdatesReceived"));
    }

    [Fact]
    public void AKeyUpdateWithoutRequestLeavesTheClientKeysAlone()
    {
        var client = Connect("-Protocol Tls13", "-msg");

        var result = _ps.Run("$session | Invoke-TlsRenegotiation").Single();

        Assert.False((bool)result.Properties["UpdateRequested"].Value);
        Assert.Null(result.Properties["PeerKeyUpdateReceived"].Value);
        client.WaitForOutput("<<< TLS 1.3, Handshake [length 0005], KeyUpdate");
        client.WriteLine("still talking");
        _ps.Run("$session | Stop-TlsSession");
        client.WaitForExit();
        Assert.DoesNotContain(">>> TLS 1.3, Handshake [length 0005], KeyUpdate", client.Output);
        var ended = EndedSession();
        Assert.Equal(0, (int)ended.Properties["KeyUpdatesReceived"].Value);
        Assert.True((long)ended.Properties["BytesReceived"].Value > 0);
    }

    [Fact]
    public void HelloRequestIsAnsweredByAClientHelloThatTheServerRefuses()
    {
        var client = Connect("-Protocol Tls12", "-msg");

        var result = _ps.Run("$session | Invoke-TlsRenegotiation -HelloRequestOnly -TimeoutSec 10").Single();

        Assert.Equal("HelloRequest", result.Properties["Method"].Value.ToString());
        Assert.Equal("Refused", result.Properties["ClientResponse"].Value.ToString());
        client.WaitForExit();
        Assert.Contains("<<< TLS 1.2, Handshake [length 0004], HelloRequest", client.Output);
        Assert.Contains("<<< TLS 1.2, Alert [length 0002], warning no_renegotiation", client.Output);
        Assert.Contains(">>> TLS 1.2, Alert [length 0002], fatal handshake_failure", client.Output);
        var ended = EndedSession();
        Assert.Equal(1, (int)ended.Properties["RenegotiationsRefused"].Value);
        Assert.Equal("handshake_failure (received, fatal)", ended.Properties["Alert"].Value.ToString());
        Assert.Equal(1L, _ps.Get<long>("$server.Statistics.HelloRequestsSent"));
    }

    [Fact]
    public void AClientWithoutRenegotiationDeclinesTheHelloRequest()
    {
        var client = Connect("-Protocol Tls12", "-msg", "-no_renegotiation");

        var result = _ps.Run("$session | Invoke-TlsRenegotiation -HelloRequestOnly -TimeoutSec 10").Single();

        Assert.Equal("Declined", result.Properties["ClientResponse"].Value.ToString());
        Assert.Equal("Established", _ps.Get<string>("(Get-TlsSession -Server $server -Id $session.Id).State.ToString()"));
        client.WaitForOutput(">>> TLS 1.2, Alert [length 0002], warning no_renegotiation");
    }

    [Theory]
    [InlineData("Tls12", "", "RenegotiationNotSupported", "NotImplemented")]
    [InlineData("Tls12", "-HelloRequestOnly -RequestClientCertificate", "RenegotiationNotSupported", "NotImplemented")]
    [InlineData("Tls12", "-HelloRequestOnly -RequestPeerUpdate", "KeyUpdateRequiresTls13", "InvalidOperation")]
    [InlineData("Tls13", "-RequestClientCertificate", "PostHandshakeAuthNotSupported", "NotImplemented")]
    [InlineData("Tls13", "-HelloRequestOnly", "HelloRequestNotInTls13", "InvalidOperation")]
    public void WhatBouncyCastleCannotDoIsAStableError(string protocol, string options, string errorId, string category)
    {
        var client = Connect($"-Protocol {protocol}", "-msg");

        var error = _ps.RunExpectingError($"$session | Invoke-TlsRenegotiation {options}");

        Assert.Equal($"{errorId},TlsServer.PowerShell.Commands.InvokeTlsRenegotiationCommand", error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category.ToString());
        Assert.Equal("Established", _ps.Get<string>("(Get-TlsSession -Server $server -Id $session.Id).State.ToString()"));
        Assert.DoesNotContain("HelloRequest", client.Output);
        Assert.DoesNotContain("KeyUpdate", client.Output);
    }

    [Theory]
    [InlineData("Tls12")]
    [InlineData("Tls13")]
    public void PlaintextUnderTheTlsLayerMakesSClientFail(string protocol)
    {
        var client = Connect($"-Protocol {protocol}");

        _ps.Run("$session | Send-TlsData -Plaintext ([System.Text.Encoding]::ASCII.GetBytes(\"this is not TLS`n\"))");

        client.WaitForExit();
        Assert.Contains("wrong version number", client.Output);
        var ended = EndedSession();
        Assert.Equal(16L, (long)ended.Properties["PlaintextBytesSent"].Value);
        Assert.Equal("Failed", ended.Properties["State"].Value.ToString());
        Assert.Equal("protocol_version (received, fatal)", ended.Properties["Alert"].Value.ToString());
        Assert.Contains("Plaintext: 16 bytes", string.Join("\n", (IEnumerable<object>)ended.Properties["Actions"].Value));
    }

    [Theory]
    [InlineData("Tls12", "TLS 1.2")]
    [InlineData("Tls13", "TLS 1.3")]
    public void AWarningAlertReachesSClientAndTheConnectionGoesOn(string protocol, string sClientProtocol)
    {
        var client = Connect($"-Protocol {protocol}", "-msg");

        var after = _ps.Run("$session | Send-TlsAlert -Description user_canceled -PassThru").Single();

        client.WaitForOutput($"<<< {sClientProtocol}, Alert [length 0002], warning user_canceled");
        Assert.Equal("Established", after.Properties["State"].Value.ToString());
        Assert.Equal("user_canceled (sent, warning)", after.Properties["Alert"].Value.ToString());
        client.WriteLine("after the alert");
        _ps.Run("$session | Stop-TlsSession");
        client.WaitForExit();
        Assert.Equal("Closed", EndedSession().Properties["State"].Value.ToString());
    }

    [Fact]
    public void AFatalAlertEndsTheConnection()
    {
        var client = Connect("-Protocol Tls12");

        var after = _ps.Run("$session | Send-TlsAlert internal_error -PassThru").Single();

        client.WaitForExit();
        Assert.Contains("SSL alert number 80", client.Output);
        Assert.Equal("Failed", after.Properties["State"].Value.ToString());
        Assert.Equal("internal_error (sent, fatal)", after.Properties["Alert"].Value.ToString());
        Assert.Contains("Send-TlsAlert", (string)after.Properties["Error"].Value);
    }

    [Fact]
    public void AnUnknownAlertCodeIsSentAsGiven()
    {
        var client = Connect("-Protocol Tls13");

        _ps.Run("$session | Send-TlsAlert -Code 200 -Level Warning");

        client.WaitForExit();
        Assert.Contains("SSL alert number 200", client.Output);
    }

    [Fact]
    public void StopTlsSessionSendsCloseNotifyAndTheServerKeepsAccepting()
    {
        var client = Connect("-Protocol Tls13", "-msg");

        var ended = _ps.Run("$session | Close-TlsSession -PassThru").Single();

        client.WaitForExit();
        Assert.Contains("<<< TLS 1.3, Alert [length 0002], warning close_notify", client.Output);
        Assert.Equal(0, client.ExitCode);
        Assert.Equal("Closed", ended.Properties["State"].Value.ToString());
        Assert.Equal("close_notify (sent, warning)", ended.Properties["Alert"].Value.ToString());
        Assert.True(OpenSsl.Connect(_ps.Get<int>("$server.Port")).Connected);
    }

    [Fact]
    public void StopTlsSessionAbortResetsWithoutCloseNotify()
    {
        var client = Connect("-Protocol Tls12", "-msg");

        var ended = _ps.Run("$session | Stop-TlsSession -Abort -PassThru").Single();

        client.WaitForExit();
        Assert.Contains("errno=104", client.Output);
        Assert.DoesNotContain("close_notify", client.Output);
        Assert.Null(ended.Properties["Alert"].Value);
        Assert.Contains("Abort", string.Join("\n", (IEnumerable<object>)ended.Properties["Actions"].Value));
    }

    [Fact]
    public void StopTlsServerEndsEverySessionWithCloseNotifyAsQDoes()
    {
        var first = Connect("-Protocol Tls12", "-msg");
        var second = SClientProcess.Start(_ps.Get<int>("$server.Port"), "-msg");
        _clients.Add(second);
        _ps.Run("$null = Wait-TlsSession -Server $server -State Established -Count 2 -TimeoutSec 15");

        _ps.Run("$server | Stop-TlsServer");

        foreach (var client in new[] { first, second })
        {
            client.WaitForExit();
            Assert.Contains("<<< TLS 1.2, Alert [length 0002], warning close_notify", client.Output);
        }

        Assert.All(_ps.Run("Get-TlsSession -Server $server"), s => Assert.Equal("Closed", s.Properties["State"].Value.ToString()));
    }

    /// <summary>Starts $server, connects s_client, and puts the established session in $session.</summary>
    private SClientProcess Connect(string serverOptions, params string[] clientOptions)
    {
        int port = _ps.Get<int>($"$server = Start-TlsServer -Port 0 {serverOptions}; $server.Port");
        var client = SClientProcess.Start(port, clientOptions);
        _clients.Add(client);
        _ps.Run("$session = Wait-TlsSession -Server $server -State Established -TimeoutSec 15");
        Assert.True(_ps.Get<bool>("$null -ne $session"), client.Output);
        return client;
    }

    private PSObject EndedSession() => _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 10").Single();

    public void Dispose()
    {
        _ps.Dispose();
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}
