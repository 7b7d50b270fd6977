using TlsServer.Tests.Harness;
using TlsServer.Tests.Negotiation;

namespace TlsServer.Tests.SystemEngine;

/// <summary>
/// The BouncyCastle engine's interop matrix, for what -Engine System supports: versions, cipher suites, ALPN, SNI,
/// client certificates, against openssl s_client; and the unsupported parameters, refused in one error.
/// </summary>
public sealed class SystemEngineInteropTests : NegotiationSession
{
    private readonly TestPki _pki = TestPki.Shared;

    [Theory]
    [InlineData("Tls12", "-tls1_2", "TLSv1.2")]
    [InlineData("Tls13", "-tls1_3", "TLSv1.3")]
    public void EachVersionHandshakesAndTheSessionShowsIt(string protocol, string option, string sClientProtocol)
    {
        int port = Start($"-Engine System -Protocol {protocol} {Rsa}");

        var client = OpenSsl.Connect(port, null, option, "-CAfile", Keys.P("rsa.crt"), "-verify_return_error");

        Assert.True(client.Connected, client.Process.AllOutput);
        Assert.Equal(sClientProtocol, client.Protocol);
        var session = Ended();
        Assert.Equal(protocol, Get(session, "Protocol")!.ToString());
        Assert.Equal(client.Cipher, Get(session, "CipherSuiteOpenSsl"));
        Assert.Equal("Closed", Get(session, "State")!.ToString());
        Assert.False(string.IsNullOrEmpty(Ps.Get<string>("(Get-TlsSession -Server $server).ClientHello.Ja4")));
        Assert.NotEmpty((System.Collections.IEnumerable)Get(session, "OfferedCipherSuites")!);
        Assert.Equal("System", Ps.Get<string>("(Get-TlsServer -Id $server.Id).Engine.ToString()"));
    }

    [Theory]
    [InlineData("-Protocol Tls12 -Cipher ECDHE-RSA-AES128-GCM-SHA256", "-tls1_2", "ECDHE-RSA-AES128-GCM-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")]
    [InlineData("-Protocol Tls12 -Cipher 'ECDHE+CHACHA20'", "-tls1_2", "ECDHE-RSA-CHACHA20-POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256")]
    [InlineData("-Protocol Tls13 -CipherSuite TLS_CHACHA20_POLY1305_SHA256", "-tls1_3", "TLS_CHACHA20_POLY1305_SHA256", "TLS_CHACHA20_POLY1305_SHA256")]
    [InlineData("-Protocol Tls13 -CipherSuite TLS_AES_128_GCM_SHA256", "-tls1_3", "TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256")]
    public void TheCipherStringDecidesTheSuite(string options, string version, string openSslName, string ianaName)
    {
        int port = Start($"-Engine System {Rsa} {options}");

        var client = OpenSsl.Connect(port, null, version);

        Assert.True(client.Connected, client.Process.AllOutput);
        Assert.Equal(openSslName, client.Cipher);
        Assert.Equal(ianaName, Get(Ended(), "CipherSuite"));
        Assert.Contains(ianaName, Ps.Run("$server.CipherSuites").Select(o => o.ToString()));
    }

    [Fact]
    public void ASuiteTheClientLacksFailsTheHandshake()
    {
        int port = Start($"-Engine System {Rsa} -Protocol Tls12 -Cipher ECDHE-RSA-AES128-GCM-SHA256");

        var client = OpenSsl.Connect(port, null, "-tls1_2", "-cipher", "ECDHE-RSA-AES256-GCM-SHA384");

        Assert.False(client.Connected);
        Assert.Equal("Failed", Ps.Get<string>("(Wait-TlsSession -Server $server -State Failed -TimeoutSec 10).State.ToString()"));
    }

    [Theory]
    [InlineData("", "h2,http/1.1", "http/1.1", true)]
    [InlineData("-AlpnOptional", "h2", null, true)]
    [InlineData("", "h2", null, false)]
    [InlineData("-AlpnFatal", "h2", null, false)]
    public void AlpnPicksTheServersFirstMatchAndNoMatchIsFatalUnlessOptional(string fatal, string offered, string? expected, bool connects)
    {
        int port = Start($"-Engine System -Alpn 'http/1.1','h3' {fatal}");

        var client = OpenSsl.Run("s_client", "-connect", $"127.0.0.1:{port}", "-alpn", offered);

        Assert.Equal(connects, client.AllOutput.Contains("Verify return code", StringComparison.Ordinal) && client.ExitCode == 0);
        if (expected is not null)
        {
            Assert.Contains($"ALPN protocol: {expected}", client.AllOutput);
            Assert.Equal(expected, Get(Ended(), "ApplicationProtocol"));
        }
        else if (connects)
        {
            Assert.Contains("No ALPN negotiated", client.AllOutput);
        }
        else
        {
            Assert.Contains("no application protocol", client.AllOutput);
        }
    }

    [Theory]
    [InlineData("a.test", "a.test.crt")]
    [InlineData("other.test", "rsa.crt")]
    public void ServerNamePicksTheCertificate(string name, string expected)
    {
        int port = Start($"-Engine System {Rsa} -ServerNameCertificate @{{ 'a.test' = @{{ CertificatePath = '{More.P("a.test.crt")}'; KeyPath = '{More.P("a.test.key")}' }} }}");
        string ca = expected == "rsa.crt" ? Keys.P(expected) : More.P(expected);

        var client = OpenSsl.Connect(port, null, "-servername", name, "-CAfile", ca, "-verify_return_error");

        Assert.True(client.Connected, client.Process.AllOutput);
        var session = Ended();
        Assert.Equal(name, Get(session, "ServerName"));
        Assert.Contains(expected == "rsa.crt" ? "CN=localhost" : "CN=" + name, Ps.Get<string>("(Get-TlsSession -Server $server).ServerCertificate.Subject"));
    }

    [Theory]
    [InlineData("good", "Tls12", "-tls1_2", false, 0)]
    [InlineData("good", "Tls13", "-tls1_3", false, 0)]
    [InlineData("expired", "Tls12", "-tls1_2", false, 10)]
    [InlineData("expired", "Tls13", "-tls1_3", true, 10)]
    [InlineData("unknown", "Tls12", "-tls1_2", true, 20)]
    public void ClientCertificatesGoThroughTheSameVerification(string who, string protocol, string version, bool returnError, int code)
    {
        int port = Start($"-Engine System -Protocol {protocol} -ClientCertificate Require -CAFile '{_pki.P("ca.pem")}'" + (returnError ? " -VerifyReturnError" : string.Empty));
        bool refused = returnError && code != 0;

        var client = OpenSsl.Connect(port, null, version, "-cert", _pki.P(who + ".pem"), "-key", _pki.P(who + ".key"), "-ign_eof");

        // SslStream judges the certificate once OpenSSL's handshake is done: a refused client may see it established, then closed.
        _ps(refused ? "Failed" : "Established");
        Assert.Equal(code, Ps.Get<int>("$s.ClientVerifyResult.ErrorCode"));
        Assert.Equal(refused, Ps.Get<string>("$s.Error ?? ''").Contains("rejected", StringComparison.Ordinal));
        Assert.True(refused || client.Connected, client.Process.AllOutput);
        Assert.Equal(Ps.Get<string>("$s.ClientCertificate.Thumbprint"), Ps.Get<string>("$s.ClientCertificateChain[0].Thumbprint"));
    }

    [Fact]
    public void RequireRefusesAClientWithoutCertificateAndTheRequestNamesTheCA()
    {
        int port = Start($"-Engine System -Protocol Tls12 -ClientCertificate Require -CAFile '{_pki.P("ca.pem")}'");

        var client = OpenSsl.Run("s_client", "-connect", $"127.0.0.1:{port}", "-tls1_2");

        Assert.Contains("CN = TlsServer Test Root", client.AllOutput);
        _ps("Failed");
        Assert.True(Ps.Get<bool>("$null -eq $s.ClientCertificate"));
    }

    [Fact]
    public void EveryParameterTheEngineCannotHonourIsNamedInOneError()
    {
        var error = Ps.RunExpectingError("$server = 'not started'; $server = Start-TlsServer -Port 0 -Engine System -NoCertificate -Msg -Group x25519 -NoTicket -KeyLogPath ./keys.log");

        Assert.Equal($"EngineUnsupportedParameter,{Command}", error.FullyQualifiedErrorId);
        Assert.Equal("NotImplemented", error.CategoryInfo.Category.ToString());
        foreach (string parameter in new[] { "-NoCertificate", "-Msg", "-Group", "-NoTicket", "-KeyLogPath" })
        {
            Assert.Contains(parameter, error.Exception.Message);
        }

        Assert.Equal("not started", Ps.Get<string>("$server"));
    }

    [Fact]
    public void TheSameParametersStartTheBouncyCastleEngine()
    {
        int port = Start("-Engine BouncyCastle -Msg -Group x25519 -NoTicket");

        Assert.True(OpenSsl.Connect(port).Connected);
        Assert.Equal("BouncyCastle", Ps.Get<string>("$server.Engine.ToString()"));
        Assert.Equal("BouncyCastle", Ps.Get<string>("(Start-TlsServer -Port 0).Engine.ToString()"));
    }

    [Fact]
    public void AnEd25519KeyIsRefusedWithItsOwnError()
    {
        string dir = Path.Combine(Keys.Directory, "system-ed25519");
        Directory.CreateDirectory(dir);
        Ps.Run($"$null = New-TlsCertificate -Type Server -Subject 'CN=localhost' -KeyAlgorithm Ed25519 -Path '{dir}/ed.pem' -KeyPath '{dir}/ed.key'");

        var error = StartFails($"-Engine System -CertificatePath '{dir}/ed.pem' -KeyPath '{dir}/ed.key'");

        Assert.Equal($"EngineUnsupportedKey,{Command}", error.FullyQualifiedErrorId);
    }

    private void _ps(string state) => Ps.Run($"$s = Wait-TlsSession -Server $server -State {state} -TimeoutSec 15");
}
