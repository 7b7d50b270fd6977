using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Negotiation;

/// <summary>A second certificate, SNI certificates, -NoCertificate and -ChainPath, seen by openssl s_client.</summary>
public sealed class CredentialChoiceTests : NegotiationSession
{
    private string Dual => $"{Rsa} -AdditionalCertificatePath '{Keys.P("ec.crt")}' -AdditionalKeyPath '{Keys.P("ec.key")}'";

    [Theory]
    [InlineData("-tls1_2", "-cipher", "aECDSA", "ec.crt", "ecdsa_secp256r1_sha256")]
    [InlineData("-tls1_2", "-cipher", "aRSA", "rsa.crt", "rsa_pss_rsae_sha256")]
    [InlineData("-tls1_3", "-sigalgs", "ECDSA+SHA256", "ec.crt", "ecdsa_secp256r1_sha256")]
    [InlineData("-tls1_3", "-sigalgs", "RSA-PSS+SHA256", "rsa.crt", "rsa_pss_rsae_sha256")]
    public void TheClientsAbilitiesPickTheCertificate(string version, string option, string value, string expected, string scheme)
    {
        int port = Start(Dual);

        var client = OpenSsl.Connect(port, null, version, option, value, "-CAfile", Keys.P(expected), "-verify_return_error");

        Assert.True(client.Connected, client.Process.AllOutput);
        Assert.Contains("Verification: OK", client.Process.AllOutput);
        var session = Ended();
        Assert.Equal(Ps.Get<string>($"[System.Security.Cryptography.X509Certificates.X509Certificate2]::new('{Keys.P(expected)}').Thumbprint"),
            Ps.Get<string>("(Get-TlsSession -Server $server).ServerCertificate.Thumbprint"));
        Assert.Equal(scheme, Get(session, "SignatureScheme"));
        Assert.Single(Ps.Run("$server.AdditionalCertificates"));
    }

    [Fact]
    public void AdditionalCertificateOfTheSameKeyTypeIsAnError()
    {
        var error = StartFails($"{Rsa} -AdditionalCertificatePath '{More.P("leaf.crt")}' -AdditionalKeyPath '{More.P("leaf.key")}'");

        Assert.Equal($"AdditionalCertificateSameKeyType,{Command}", error.FullyQualifiedErrorId);
    }

    [Theory]
    [InlineData("a.test", "a.test.crt")]
    [InlineData("b.test", "b.test.crt")]
    [InlineData("other.test", "rsa.crt")]
    public void ServerNamePicksTheCertificate(string name, string expected)
    {
        int port = Start($"{Rsa} -ServerNameCertificate @{{ 'a.test' = @{{ CertificatePath = '{More.P("a.test.crt")}'; KeyPath = '{More.P("a.test.key")}' }}; 'b.test' = [System.Security.Cryptography.X509Certificates.X509Certificate2]::CreateFromPemFile('{More.P("b.test.crt")}', '{More.P("b.test.key")}') }}");
        string ca = expected == "rsa.crt" ? Keys.P(expected) : More.P(expected);

        var client = OpenSsl.Connect(port, null, "-servername", name, "-CAfile", ca, "-verify_return_error");

        Assert.True(client.Connected, client.Process.AllOutput);
        Assert.Contains("Verification: OK", client.Process.AllOutput);
        var session = Ended();
        Assert.Equal(name, Get(session, "ServerName"));
        Assert.Contains(expected == "rsa.crt" ? "CN=localhost" : "CN=" + name, Ps.Get<string>("(Get-TlsSession -Server $server).ServerCertificate.Subject"));
    }

    [Fact]
    public void ServerNameFatalRefusesUnknownNames()
    {
        int port = Start($"{Rsa} -ServerNameCertificate @{{ 'a.test' = @{{ CertificatePath = '{More.P("a.test.crt")}'; KeyPath = '{More.P("a.test.key")}' }} }} -ServerNameFatal");

        var refused = OpenSsl.Connect(port, null, "-servername", "other.test");

        Assert.False(refused.Connected);
        Assert.Contains("unrecognized name", refused.Process.AllOutput);
        Assert.Equal("unrecognized_name", ((dynamic)Get(Ended(), "Alert")!).Description);
    }

    [Fact]
    public void NoCertificateServesAnonymousSuites()
    {
        int port = Start("-NoCertificate -WarningAction SilentlyContinue");

        var client = OpenSsl.Connect(port, null, "-cipher", "aNULL@SECLEVEL=0");

        Assert.True(client.Connected, client.Process.AllOutput);
        Assert.Equal("TLSv1.2", client.Protocol);
        Assert.Matches("^A(EC)?DH-", client.Cipher);
        Assert.Contains("no peer certificate available", OpenSsl.Run("s_client", "-connect", $"127.0.0.1:{port}", "-cipher", "aNULL@SECLEVEL=0").StandardOutput);
        var session = Ps.Run("Wait-TlsSession -Server $server -Count 2 -State Closed -TimeoutSec 10").First();
        Assert.Null(Get(session, "ServerCertificate"));
        Assert.Null(Ps.Run("$server.Certificate").SingleOrDefault());
    }

    [Theory]
    [InlineData("-NoCertificate -Protocol Tls13", "NoCertificateWithTls13")]
    [InlineData("-NoCertificate -CertificatePath '{0}'", "NoCertificateConflict")]
    [InlineData("-CertificatePath '{1}' -KeyPath '{2}' -Protocol Tls13", "DsaWithTls13")]
    [InlineData("-CertificatePath '{3}' -KeyPath '{4}' -Cipher aRSA -Protocol Tls12", "NoCipherSuite")]
    [InlineData("-CertificatePath '{3}' -KeyPath '{4}' -Cipher aECDSA -Protocol Tls12 -ServerNameCertificate @{{ 'd.test' = @{{ CertificatePath = '{1}'; KeyPath = '{2}' }} }}", "NoUsableCipherSuite")]
    public void IncompatibleOptionsAreClearErrors(string arguments, string errorId)
    {
        var error = StartFails(string.Format(arguments, Keys.P("rsa.crt"), More.P("dsa.crt"), More.P("dsa.key"), Keys.P("ec.crt"), Keys.P("ec.key")));

        Assert.Equal($"{errorId},{Command}", error.FullyQualifiedErrorId);
    }

    [Fact]
    public void ChainPathSendsTheChain()
    {
        int port = Start($"-CertificatePath '{More.P("leaf.crt")}' -KeyPath '{More.P("leaf.key")}' -ChainPath '{More.P("ca.crt")}'");

        var client = new SClientResult(OpenSsl.Run("s_client", "-connect", $"127.0.0.1:{port}", "-showcerts", "-CAfile", More.P("ca.crt"), "-verify_return_error"));

        Assert.Contains("Verify return code: 0 (ok)", client.Process.AllOutput);
        Assert.Contains("1 s:CN = Test CA", client.Process.AllOutput);
    }
}
