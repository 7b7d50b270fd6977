using System.Management.Automation;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Interop;

/// <summary>Pre-shared keys against openssl s_client and gnutls-cli, on TLS 1.2 PSK suites and TLS 1.3 external PSKs.</summary>
public sealed class PskTests : IDisposable
{
    private const string Key = "1a2b3c4d5e6f708192a3b4c5d6e7f801";

    private readonly PowerShellSession _ps = new();
    private readonly TestCredentials _credentials = TestCredentials.Shared;

    [Fact]
    public void Tls13WithSClientDefaultsNegotiatesASha256SuiteAndNoCertificate()
    {
        // s_client offers TLS_AES_256_GCM_SHA384 first; its external PSK is bound to SHA-256.
        int port = StartServer($"-Psk {Key}");

        var client = OpenSsl.Connect(port, "hello\n", "-tls1_3", "-psk", Key);

        Assert.True(client.Connected, client.Process.AllOutput);
        Assert.Equal("TLSv1.3", client.Protocol);
        Assert.EndsWith("SHA256", client.Cipher);
        Assert.Contains("No peer certificate", client.Process.AllOutput);
        var session = WaitForEndedSession();
        Assert.Equal("Client_identity", session.Properties["PskIdentity"].Value);
        Assert.Equal(client.Cipher, session.Properties["CipherSuite"].Value);
    }

    [Theory]
    [InlineData("-tls1_3")]
    [InlineData("-tls1_2")]
    public void NoCertificateWithAPskServesPskOnly(string version)
    {
        int port = StartServer($"-NoCertificate -Psk {Key} -Protocol Tls12,Tls13");

        var client = OpenSsl.Connect(port, "hello\n", version, "-psk", Key);

        Assert.True(client.Connected, client.Process.AllOutput);
        Assert.Contains("No peer certificate", client.Process.AllOutput);
        Assert.Equal("Client_identity", WaitForEndedSession().Properties["PskIdentity"].Value);
        Assert.Contains("TLS_AES_128_GCM_SHA256", _ps.Run("$server.CipherSuites").Select(o => o.ToString()));
    }

    [Theory]
    [InlineData("PSK-AES128-GCM-SHA256", "TLS_PSK_WITH_AES_128_GCM_SHA256")]
    [InlineData("DHE-PSK-AES256-GCM-SHA384", "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384")]
    [InlineData("ECDHE-PSK-CHACHA20-POLY1305", "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256")]
    [InlineData("ECDHE-PSK-AES128-CBC-SHA256", "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256")]
    [InlineData("RSA-PSK-AES128-GCM-SHA256", "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256")]
    public void Tls12PskSuitesWithSClient(string openSslSuite, string ianaSuite)
    {
        int port = StartServer($"-Psk {Key} -PskIdentity device7 -CertificatePath '{_credentials.P("rsa.crt")}' -KeyPath '{_credentials.P("rsa.key")}'");

        var client = OpenSsl.Connect(port, "hello\n", "-tls1_2", "-psk", Key, "-psk_identity", "device7", "-cipher", openSslSuite);

        Assert.True(client.Connected, client.Process.AllOutput);
        Assert.Equal(openSslSuite, client.Cipher);
        var session = WaitForEndedSession();
        Assert.Equal(ianaSuite, session.Properties["CipherSuite"].Value);
        Assert.Equal("device7", session.Properties["PskIdentity"].Value);
    }

    [Fact]
    public void ATableServesSeveralIdentitiesAndAWrongKeyFails()
    {
        int port = StartServer("-PskTable @{ alice = '00112233'; bob = [byte[]](1,2,3,4,5,6,7,8) } -PskIdentityHint 'ask for bob'");

        var bob = OpenSsl.Connect(port, "hi\n", "-tls1_2", "-psk", "0102030405060708", "-psk_identity", "bob", "-cipher", "PSK");
        var mallory = OpenSsl.Connect(port, "hi\n", "-tls1_3", "-psk", "00112234", "-psk_identity", "alice");

        Assert.True(bob.Connected, bob.Process.AllOutput);
        Assert.False(mallory.Connected, mallory.Process.AllOutput);
        var sessions = _ps.Run("$null = Wait-TlsSession -Server $server -State Closed -TimeoutSec 15; $null = Wait-TlsSession -Server $server -State Failed -TimeoutSec 15; Get-TlsSession -Server $server");
        Assert.Contains(sessions, s => (string?)s.Properties["PskIdentity"].Value == "bob" && s.Properties["State"].Value.ToString() == "Closed");
        Assert.Contains(sessions, s => (string?)s.Properties["PskIdentity"].Value == "alice" && s.Properties["State"].Value.ToString() == "Failed");
        Assert.Equal(new[] { "alice", "bob" }, _ps.Run("$server.PskIdentities").Select(o => o.ToString()));
    }

    [Theory]
    // gnutls-cli 3.7.9 crashes after a completed TLS 1.2 (EC)DHE_PSK handshake (printing the session), so plain PSK here.
    [InlineData("NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+PSK", "Tls12")]
    [InlineData("NORMAL:-VERS-ALL:+VERS-TLS1.3:+ECDHE-PSK:+DHE-PSK:+PSK", "Tls13")]
    public void GnutlsCliConnectsWithAPsk(string priority, string protocol)
    {
        int port = StartServer($"-Psk {Key} -PskIdentity gnutls-user");

        var client = ExternalProcess.Run("gnutls-cli", new[]
        {
            "-p", port.ToString(), "127.0.0.1", "--pskusername", "gnutls-user", "--pskkey", Key, "--priority", priority,
        }, "hello\n", TimeSpan.FromSeconds(20));

        Assert.True(client.AllOutput.Contains("Handshake was completed"), client.AllOutput);
        var session = WaitForEndedSession();
        Assert.Equal(protocol, session.Properties["Protocol"].Value.ToString());
        Assert.Equal("gnutls-user", session.Properties["PskIdentity"].Value);
    }

    [Theory]
    [InlineData("-Psk xyz", "PskNotHex")]
    [InlineData("-Psk abc", "PskNotHex")]
    [InlineData("-Psk 0x1234", "PskNotHex")]
    [InlineData("-PskTable @{ a = 42 }", "PskNotHex")]
    [InlineData("-PskIdentity someone", "PskIdentityWithoutPsk")]
    [InlineData("-Psk 00ff -PskTable @{ a = '00' }", "ParameterConflict")]
    [InlineData("-Psk 00ff -PskIdentityHint h -Protocol Tls13", "PskIdentityHintNotInTls13")]
    [InlineData("-PskIdentityHint h", "PskIdentityHintWithoutPsk")]
    public void BadPskOptionsAreClearErrors(string arguments, string errorId)
    {
        var error = _ps.RunExpectingError($"Start-TlsServer -Port 0 {arguments}");

        Assert.Equal($"{errorId},TlsServer.PowerShell.Commands.StartTlsServerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    private int StartServer(string arguments) =>
        _ps.Get<int>($"$server = Start-TlsServer -Port 0 -Address 127.0.0.1 {arguments}; $server.Port");

    private PSObject WaitForEndedSession()
    {
        var sessions = _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 15");
        Assert.Empty(_ps.LastErrors);
        return sessions.Single();
    }

    public void Dispose() => _ps.Dispose();
}
