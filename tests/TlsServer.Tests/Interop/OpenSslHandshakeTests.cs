using System.Management.Automation;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Interop;

/// <summary>openssl s_client against the server: what it negotiated must be what the session objects say.</summary>
public sealed class OpenSslHandshakeTests : IDisposable
{
    private readonly PowerShellSession _ps = new();
    private readonly TestCredentials _credentials = TestCredentials.Shared;

    [Theory]
    [InlineData("rsa", "-tls1_2", "TLSv1.2", "Tls12")]
    [InlineData("rsa", "-tls1_3", "TLSv1.3", "Tls13")]
    [InlineData("ec", "-tls1_2", "TLSv1.2", "Tls12")]
    [InlineData("ec", "-tls1_3", "TLSv1.3", "Tls13")]
    public void HandshakeAgreesWithSClient(string key, string versionOption, string sClientProtocol, string protocol)
    {
        int port = StartServer($"-CertificatePath '{_credentials.P(key + ".crt")}' -KeyPath '{_credentials.P(key + ".key")}'");

        var client = OpenSsl.Connect(port, "hello\n", versionOption);

        Assert.True(client.Connected, client.Process.AllOutput);
        Assert.Equal(sClientProtocol, client.Protocol);
        var session = WaitForEndedSession();
        Assert.Equal(protocol, session.Properties["Protocol"].Value.ToString());
        Assert.Equal(client.Cipher, session.Properties["CipherSuiteOpenSsl"].Value);
        Assert.StartsWith("TLS_", (string)session.Properties["CipherSuite"].Value);
        Assert.True((bool)session.Properties["HandshakeCompleted"].Value);
        Assert.Equal("Closed", session.Properties["State"].Value.ToString());
        Assert.NotEmpty((System.Collections.IEnumerable)session.Properties["OfferedCipherSuites"].Value);
        Assert.True((long)session.Properties["BytesReceived"].Value > 6);
        Assert.NotNull(session.Properties["NamedGroup"].Value);
        Assert.Contains(session.Properties["NamedGroup"].Value.ToString()!, client.TempKey!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void RsaCertificateServesRsaSuitesOnTls12()
    {
        int port = StartServer($"-CertificatePath '{_credentials.P("rsa.crt")}' -KeyPath '{_credentials.P("rsa.key")}'");

        var client = OpenSsl.Connect(port, null, "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256");

        Assert.False(client.Connected);
        var session = WaitForEndedSession();
        Assert.Equal("Failed", session.Properties["State"].Value.ToString());
        Assert.Equal("handshake_failure", ((dynamic)session.Properties["Alert"].Value).Description);
        Assert.Equal(1L, _ps.Get<long>("$server.Statistics.HandshakesFailed"));
    }

    [Fact]
    public void ServerAcceptsBothIpv4AndIpv6ByDefault()
    {
        int port = StartServer(string.Empty);

        var v4 = OpenSsl.Connect(port);
        var v6 = new SClientResult(ExternalProcess.Run("openssl", new[] { "s_client", "-connect", $"[::1]:{port}", "-brief" }, string.Empty));

        Assert.True(v4.Connected, v4.Process.AllOutput);
        Assert.True(v6.Connected, v6.Process.AllOutput);
        _ps.Run("Wait-TlsSession -Server $server -Count 2 -State Closed -TimeoutSec 10");
        Assert.Equal(2L, _ps.Get<long>("$server.Statistics.HandshakesCompleted"));
    }

    private int StartServer(string arguments) =>
        _ps.Get<int>($"$server = Start-TlsServer -Port 0 {arguments}; $server.Port");

    private PSObject WaitForEndedSession()
    {
        var sessions = _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 10");
        Assert.Empty(_ps.LastErrors);
        return sessions.Single();
    }

    public void Dispose() => _ps.Dispose();
}
