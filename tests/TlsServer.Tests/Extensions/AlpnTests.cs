using System.Management.Automation;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Extensions;

/// <summary>ALPN against openssl s_client -alpn and curl --http2/--http1.1; NPN as a clear error.</summary>
public sealed class AlpnTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    [Theory]
    [InlineData("http/1.1,h2", "h2")]
    [InlineData("h2,http/1.1", "h2")]
    [InlineData("http/1.1", "http/1.1")]
    public void TheServersOrderWinsAmongWhatTheClientOffers(string offered, string expected)
    {
        int port = StartServer("-Alpn h2,http/1.1");

        var client = OpenSsl.Run("s_client", "-connect", $"127.0.0.1:{port}", "-alpn", offered);

        Assert.Contains($"ALPN protocol: {expected}", client.AllOutput);
        Assert.Equal(expected, EndedSession().Properties["ApplicationProtocol"].Value);
    }

    [Fact]
    public void WithoutAMatchAndWithAlpnOptionalTheHandshakeGoesOnWithoutAlpn()
    {
        int port = StartServer("-Alpn h2 -AlpnOptional");

        var client = OpenSsl.Run("s_client", "-connect", $"127.0.0.1:{port}", "-alpn", "spdy/3");

        Assert.Contains("No ALPN negotiated", client.AllOutput);
        var session = EndedSession();
        Assert.True((bool)session.Properties["HandshakeCompleted"].Value);
        Assert.Null(session.Properties["ApplicationProtocol"].Value);
    }

    [Theory]
    [InlineData("-tls1_2", "")]
    [InlineData("-tls1_3", "")]
    [InlineData("-tls1_3", "-AlpnFatal")]
    public void WithoutAMatchTheServerSendsNoApplicationProtocol(string version, string fatal)
    {
        int port = StartServer($"-Alpn h2 {fatal}");

        var client = OpenSsl.Run("s_client", "-connect", $"127.0.0.1:{port}", "-alpn", "spdy/3", version);

        Assert.Contains("no application protocol", client.AllOutput);
        var sessions = _ps.Run("Wait-TlsSession -Server $server -State Failed -TimeoutSec 10");
        var alert = PSObject.AsPSObject(sessions.Single().Properties["Alert"].Value);
        Assert.Equal("no_application_protocol", alert.Properties["Description"].Value);
        Assert.Equal("Sent", alert.Properties["Direction"].Value.ToString());
    }

    [Fact]
    public void CurlHttp2GetsH2()
    {
        int port = StartServer("-Www -Alpn h2,http/1.1");

        var curl = ExternalProcess.Run("curl", new[] { "-skv", "--http2", "--max-time", "5", $"https://127.0.0.1:{port}/" });

        Assert.Contains("ALPN: server accepted h2", curl.AllOutput);
        var protocol = _ps.Run("(Get-TlsSession -Server $server).ApplicationProtocol");
        Assert.True(protocol.Count == 1, string.Join("; ", _ps.LastErrors) + curl.AllOutput);
        Assert.Equal("h2", protocol.Single().ToString());
    }

    [Fact]
    public void CurlHttp11GetsHttp11AndThePage()
    {
        int port = StartServer("-Www -Alpn h2,http/1.1");

        var curl = ExternalProcess.Run("curl", new[] { "-skv", "--http1.1", "--max-time", "5", $"https://127.0.0.1:{port}/" });

        Assert.Contains("ALPN: server accepted http/1.1", curl.AllOutput);
        Assert.Contains("</html>", curl.StandardOutput);
        Assert.Equal("http/1.1", EndedSession().Properties["ApplicationProtocol"].Value);
    }

    [Fact]
    public void NpnIsAClearBouncyCastleGap()
    {
        var error = _ps.RunExpectingError("Start-TlsServer -Port 0 -NextProtoNeg h2");

        Assert.Equal("NextProtocolNegotiationNotSupported,TlsServer.PowerShell.Commands.StartTlsServerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.NotImplemented, error.CategoryInfo.Category);
        Assert.Contains("-Alpn", error.Exception.Message);
        Assert.Contains("BouncyCastle", error.Exception.Message);
    }

    [Fact]
    public void AlpnFatalWithoutAlpnIsRefused()
    {
        var error = _ps.RunExpectingError("Start-TlsServer -Port 0 -AlpnFatal");

        Assert.Equal("AlpnFatalWithoutAlpn,TlsServer.PowerShell.Commands.StartTlsServerCommand", error.FullyQualifiedErrorId);
    }

    private int StartServer(string arguments) => _ps.Get<int>($"$server = Start-TlsServer -Port 0 {arguments}; $server.Port");

    private PSObject EndedSession()
    {
        var sessions = _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 10");
        Assert.Empty(_ps.LastErrors);
        return sessions.Single();
    }

    public void Dispose() => _ps.Dispose();
}
