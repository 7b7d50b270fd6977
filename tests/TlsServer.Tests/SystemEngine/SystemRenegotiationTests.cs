using System.Management.Automation;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.SystemEngine;

/// <summary>
/// Start-TlsServer -Engine System against a live openssl s_client: Invoke-TlsRenegotiation -RequestClientCertificate
/// renegotiates TLS 1.2 (s_server's R) and does TLS 1.3 post-handshake auth; what SslStream cannot do is a stable error.
/// </summary>
public sealed class SystemRenegotiationTests : IDisposable
{
    private readonly PowerShellSession _ps = new();
    private readonly TestPki _pki = TestPki.Shared;
    private readonly List<SClientProcess> _clients = new();

    [Fact]
    public void Tls12RenegotiationAsksForTheCertificateInASecondHandshake()
    {
        var client = Connect("-Protocol Tls12", "-tls1_2", "-msg", "-cert", _pki.P("good.pem"), "-key", _pki.P("good.key"));
        Assert.True(_ps.Get<bool>("$null -eq $session.ClientCertificate"));

        var result = _ps.Run("$session | Invoke-TlsRenegotiation -RequestClientCertificate -TimeoutSec 15").Single();

        Assert.Equal("Renegotiation", result.Properties["Method"].Value.ToString());
        Assert.True((bool)result.Properties["Completed"].Value, string.Join("\n", (IEnumerable<object>)_ps.Run("(Get-TlsSession -Server $server -Id $session.Id).Actions")) + client.Output);
        Assert.Equal("CN=good", ((dynamic)result.Properties["ClientCertificate"].Value).Subject);
        client.WaitForOutput("], CertificateVerify", TimeSpan.FromSeconds(10));
        string output = client.Output;
        int helloRequest = output.IndexOf("<<< TLS 1.2, Handshake [length 0004], HelloRequest", StringComparison.Ordinal);
        Assert.True(helloRequest > 0, output);
        Assert.Equal(2, Count(output, "], ClientHello"));
        Assert.True(output.IndexOf("], CertificateRequest", helloRequest, StringComparison.Ordinal) > helloRequest, output);
        Assert.Matches(@">>> TLS 1\.2, Handshake \[length [0-9a-f]{4}\], Certificate\r?\n", output[helloRequest..]);

        var session = _ps.Run("Get-TlsSession -Server $server -Id $session.Id").Single();
        Assert.Equal(1, (int)session.Properties["Renegotiations"].Value);
        Assert.Equal("Established", session.Properties["State"].Value.ToString());
        Assert.Equal(20, _ps.Get<int>("(Get-TlsSession -Server $server -Id $session.Id).ClientVerifyResult.ErrorCode"));
        Assert.Contains("ClientCertificateRequest", string.Join("\n", (IEnumerable<object>)session.Properties["Actions"].Value));

        // the connection goes on under the new keys
        client.WriteLine("after the renegotiation");
        Assert.Contains("after the renegotiation", _ps.Get<string>("$session | Receive-TlsData -Wait -TimeoutSec 15"));
    }

    [Fact]
    public void Tls13PostHandshakeAuthReachesAClientThatOffersIt()
    {
        var client = Connect($"-Protocol Tls13 -CAFile '{_pki.P("ca.pem")}'", "-tls1_3", "-msg", "-enable_pha",
            "-cert", _pki.P("good.pem"), "-key", _pki.P("good.key"));

        var result = _ps.Run("$session | Invoke-TlsRenegotiation -RequestClientCertificate -TimeoutSec 15").Single();

        Assert.Equal("PostHandshakeAuthentication", result.Properties["Method"].Value.ToString());
        Assert.True((bool)result.Properties["Completed"].Value, string.Join("\n", (IEnumerable<object>)_ps.Run("(Get-TlsSession -Server $server -Id $session.Id).Actions")) + client.Output);
        client.WaitForOutput("], CertificateRequest");
        client.WaitForOutput(">>> TLS 1.3, Handshake [length 0034], Finished");
        Assert.Equal(2, Count(client.Output, ">>> TLS 1.3, Handshake [length 0034], Finished"));
        Assert.Equal("CN=good", _ps.Get<string>("(Get-TlsSession -Server $server -Id $session.Id).ClientCertificate.Subject"));
        Assert.True(_ps.Get<bool>("(Get-TlsSession -Server $server -Id $session.Id).ClientVerifyResult.IsValid"));
        Assert.Equal(1, _ps.Get<int>("(Get-TlsSession -Server $server -Id $session.Id).Renegotiations"));
        client.WriteLine("still here");
        Assert.Contains("still here", _ps.Get<string>("$session | Receive-TlsData -Wait -TimeoutSec 15"));
    }

    [Fact]
    public void Tls13WithoutPostHandshakeAuthIsAStableError()
    {
        var client = Connect("-Protocol Tls13", "-tls1_3", "-msg");

        var error = _ps.RunExpectingError("$session | Invoke-TlsRenegotiation -RequestClientCertificate");

        Assert.Equal("PostHandshakeAuthNotOffered,TlsServer.PowerShell.Commands.InvokeTlsRenegotiationCommand", error.FullyQualifiedErrorId);
        Assert.Equal("Established", _ps.Get<string>("(Get-TlsSession -Server $server -Id $session.Id).State.ToString()"));
        Assert.DoesNotContain("CertificateRequest", client.Output);
    }

    [Fact]
    public void ARefusedCertificateWithVerifyReturnErrorEndsTheSession()
    {
        Connect($"-Protocol Tls12 -CAFile '{_pki.P("ca.pem")}' -VerifyReturnError", "-tls1_2",
            "-cert", _pki.P("expired.pem"), "-key", _pki.P("expired.key"));

        var result = _ps.Run("$session | Invoke-TlsRenegotiation -RequestClientCertificate -TimeoutSec 15").Single();

        Assert.False((bool)result.Properties["Completed"].Value);
        Assert.True(_ps.Get<bool>("(Wait-TlsSession -Server $server -State Failed -TimeoutSec 15) -ne $null"), string.Join("\n", (IEnumerable<object>)_ps.Run("(Get-TlsSession -Server $server -Id $session.Id).Actions")) + _ps.Get<string>("(Get-TlsSession -Server $server -Id $session.Id).Error"));
        var ended = _ps.Run("Wait-TlsSession -Server $server -State Failed -TimeoutSec 15").Single();
        Assert.Equal(10, _ps.Get<int>("(Get-TlsSession -Server $server -Id $session.Id).ClientVerifyResult.ErrorCode"));
        Assert.Contains("renegotiation failed", (string)ended.Properties["Error"].Value);
    }

    [Theory]
    [InlineData("Tls13", "-tls1_3", "", "KeyUpdateNotSupported")]
    [InlineData("Tls12", "-tls1_2", "-HelloRequestOnly", "HelloRequestNotSupported")]
    [InlineData("Tls12", "-tls1_2", "", "RenegotiationRequiresClientCertificate")]
    public void WhatSslStreamCannotDoIsAStableError(string protocol, string version, string options, string errorId)
    {
        Connect($"-Protocol {protocol}", version);

        var error = _ps.RunExpectingError($"$session | Invoke-TlsRenegotiation {options}");

        Assert.Equal($"{errorId},TlsServer.PowerShell.Commands.InvokeTlsRenegotiationCommand", error.FullyQualifiedErrorId);
        Assert.Equal("NotImplemented", error.CategoryInfo.Category.ToString());
        Assert.Equal("Established", _ps.Get<string>("(Get-TlsSession -Server $server -Id $session.Id).State.ToString()"));
    }

    [Fact]
    public void SendTlsAlertIsRefusedAndPlaintextAndCloseWork()
    {
        var client = Connect("-Protocol Tls12", "-tls1_2", "-msg");

        var error = _ps.RunExpectingError("$session | Send-TlsAlert -Description user_canceled");
        Assert.Equal("SendAlertNotSupported,TlsServer.PowerShell.Commands.SendTlsAlertCommand", error.FullyQualifiedErrorId);

        _ps.Run("$session | Stop-TlsSession");
        client.WaitForExit();
        Assert.Contains("<<< TLS 1.2, Alert [length 0002], warning close_notify", client.Output);
        Assert.Equal("Closed", _ps.Get<string>("(Get-TlsSession -Server $server -Id $session.Id).State.ToString()"));
    }

    private static int Count(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Starts $server on the System engine, connects s_client, and puts the established session in $session.</summary>
    private SClientProcess Connect(string serverOptions, params string[] clientOptions)
    {
        int port = _ps.Get<int>($"$server = Start-TlsServer -Port 0 -Engine System {serverOptions}; $server.Port");
        var client = SClientProcess.Start(port, clientOptions);
        _clients.Add(client);
        _ps.Run("$session = Wait-TlsSession -Server $server -State Established -TimeoutSec 15");
        Assert.True(_ps.Get<bool>("$null -ne $session"), client.Output);
        return client;
    }

    public void Dispose()
    {
        _ps.Dispose();
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}
