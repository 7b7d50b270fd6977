using System.Management.Automation;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Interop;

/// <summary>New-TlsCertificate and New-TlsCrl: every certificate passes openssl verify with its chain, files are what openssl reads, curl trusts a server using one.</summary>
public sealed class NewTlsCertificateTests : IDisposable
{
    private const string Password = "file pass";
    private readonly PowerShellSession _ps = new();
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tlsserver-newcert-" + Guid.NewGuid().ToString("N")[..8]);

    public NewTlsCertificateTests()
    {
        Directory.CreateDirectory(_dir);
        _ps.Run($"$d = '{_dir}'; $pw = [System.Net.NetworkCredential]::new('', '{Password}').SecurePassword");
    }

    public static TheoryData<string> KeyAlgorithms() => new() { "Rsa2048", "Rsa3072", "Rsa4096", "EcdsaP256", "EcdsaP384", "EcdsaP521", "Ed25519" };

    [Theory]
    [MemberData(nameof(KeyAlgorithms))]
    public void EveryCertificateVerifiesWithItsChain(string algorithm)
    {
        _ps.Run($$"""
            $root = New-TlsCertificate -Type CA -Subject 'CN=Root {{algorithm}}' -KeyAlgorithm {{algorithm}} -Path "$d/root.pem"
            $int = New-TlsCertificate -Type CA -Subject 'CN=Intermediate' -KeyAlgorithm {{algorithm}} -Signer $root -Path "$d/int.pem"
            $server = New-TlsCertificate -Subject 'CN=server.test' -KeyAlgorithm {{algorithm}} -Signer $int -DnsName server.test -IPAddress 127.0.0.1, ::1 -Email ops@server.test -Path "$d/server.pem" -KeyPath "$d/server.key" -Password $pw
            $client = New-TlsCertificate -Type Client -Subject 'CN=client' -KeyAlgorithm {{algorithm}} -Signer $int -Path "$d/client.pem" -KeyPath "$d/client.key"
            $self = New-TlsCertificate -Subject 'CN=self' -KeyAlgorithm {{algorithm}} -Path "$d/self.pem"
            """);
        Assert.Empty(_ps.LastErrors);

        Assert.Contains("root.pem: OK", OpenSsl.MustRun("verify", "-x509_strict", "-CAfile", P("root.pem"), P("root.pem")));
        Assert.Contains("int.pem: OK", OpenSsl.MustRun("verify", "-x509_strict", "-CAfile", P("root.pem"), P("int.pem")));
        Assert.Contains("server.pem: OK", OpenSsl.MustRun("verify", "-x509_strict", "-purpose", "sslserver", "-verify_hostname", "server.test", "-verify_ip", "::1", "-CAfile", P("root.pem"), "-untrusted", P("int.pem"), P("server.pem")));
        Assert.Contains("client.pem: OK", OpenSsl.MustRun("verify", "-x509_strict", "-purpose", "sslclient", "-CAfile", P("root.pem"), "-untrusted", P("int.pem"), P("client.pem")));
        Assert.Contains("self.pem: OK", OpenSsl.MustRun("verify", "-x509_strict", "-CAfile", P("self.pem"), P("self.pem")));

        // The key files belong to their certificates, the server's behind the password.
        Assert.Equal(PublicKey("x509", "-in", P("server.pem")), PublicKey("pkey", "-in", P("server.key"), "-passin", $"pass:{Password}"));
        Assert.Equal(PublicKey("x509", "-in", P("client.pem")), PublicKey("pkey", "-in", P("client.key")));
        Assert.Contains("ENCRYPTED PRIVATE KEY", File.ReadAllText(P("server.key")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(P("server.key")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(P("client.key")));
        }

        Assert.Equal(algorithm != "Ed25519", _ps.Get<bool>("$server.HasPrivateKey"));
    }

    [Theory]
    [InlineData("Rsa2048")]
    [InlineData("EcdsaP384")]
    public void PfxHoldsKeyCertificateAndIssuer(string algorithm)
    {
        _ps.Run($$"""
            $root = New-TlsCertificate -Type CA -Subject 'CN=Pfx Root' -Path "$d/root.pem"
            $leaf = New-TlsCertificate -Subject 'CN=pfx.test' -KeyAlgorithm {{algorithm}} -Signer $root -PfxPath "$d/leaf.pfx" -Password $pw
            """);

        string pem = OpenSsl.MustRun("pkcs12", "-in", P("leaf.pfx"), "-passin", $"pass:{Password}", "-nodes");

        Assert.Contains("subject=CN = pfx.test", pem);
        Assert.Contains("subject=CN = Pfx Root", pem);
        Assert.Contains("PRIVATE KEY", pem);
        var loaded = _ps.Get<string>($"[System.Security.Cryptography.X509Certificates.X509Certificate2]::new(\"$d/leaf.pfx\", '{Password}').Thumbprint");
        Assert.Equal(_ps.Get<string>("$leaf.Thumbprint"), loaded);
    }

    [Theory]
    [InlineData("EcdsaP256", "--tlsv1.3")]
    [InlineData("Rsa2048", "--tlsv1.2")]
    [InlineData("Ed25519", "--tlsv1.3")]
    public void CurlTrustsAServerUsingOne(string algorithm, string version)
    {
        int port = _ps.Get<int>($$"""
            $ca = New-TlsCertificate -Type CA -Subject 'CN=Curl Test CA' -Path "$d/ca.pem"
            $cert = New-TlsCertificate -Subject 'CN=localhost' -KeyAlgorithm {{algorithm}} -DnsName localhost -IPAddress 127.0.0.1, ::1 -Signer $ca
            $server = Start-TlsServer -Port 0 -Www -Certificate $cert
            $server.Port
            """);

        var result = ExternalProcess.Run("curl", new[] { "-sS", version, "--cacert", P("ca.pem"), $"https://localhost:{port}/" });

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("<html", result.StandardOutput, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void BadCertificatesAreBadTheWayAsked()
    {
        _ps.Run("""
            $ca = New-TlsCertificate -Type CA -Path "$d/ca.pem"
            $null = New-TlsCertificate -Subject 'CN=old' -Signer $ca -NotAfter ([datetime]::UtcNow.AddDays(-1)) -Path "$d/expired.pem"
            $null = New-TlsCertificate -Subject 'CN=future' -Signer $ca -NotBefore ([datetime]::UtcNow.AddDays(1)) -Path "$d/future.pem"
            $null = New-TlsCertificate -Type Client -Signer $ca -ExtendedKeyUsage ServerAuth -Path "$d/wrong-eku.pem"
            $null = New-TlsCertificate -Subject 'CN=nosan' -Signer $ca -NoSubjectAlternativeName -Path "$d/nosan.pem"
            $revoked = New-TlsCertificate -Type Client -Signer $ca -Revoked -Path "$d/revoked.pem"
            $crl = New-TlsCrl -Signer $ca -Path "$d/ca.crl"
            $der = $ca | New-TlsCrl -Path "$d/ca.crl.der" -Format Der
            """);
        Assert.Empty(_ps.LastErrors);

        Assert.Contains("error 10 at 0 depth", OpenSsl.Run("verify", "-CAfile", P("ca.pem"), P("expired.pem")).AllOutput);
        Assert.Contains("error 9 at 0 depth", OpenSsl.Run("verify", "-CAfile", P("ca.pem"), P("future.pem")).AllOutput);
        Assert.Contains("error 26 at 0 depth", OpenSsl.Run("verify", "-purpose", "sslclient", "-CAfile", P("ca.pem"), P("wrong-eku.pem")).AllOutput);
        Assert.DoesNotContain("Subject Alternative Name", OpenSsl.MustRun("x509", "-in", P("nosan.pem"), "-noout", "-text"));
        Assert.Contains("DNS:future", OpenSsl.MustRun("x509", "-in", P("future.pem"), "-noout", "-text"));
        Assert.Contains("error 23 at 0 depth", OpenSsl.Run("verify", "-crl_check", "-CRLfile", P("ca.crl"), "-CAfile", P("ca.pem"), P("revoked.pem")).AllOutput);
        Assert.Contains("verify OK", OpenSsl.Run("crl", "-in", P("ca.crl.der"), "-inform", "DER", "-CAfile", P("ca.pem"), "-noout").AllOutput);
        Assert.Equal(_ps.Get<string>("$revoked.SerialNumber"), _ps.Get<string>("$crl.RevokedSerialNumbers[0]"));
    }

    [Theory]
    [InlineData("New-TlsCertificate -Revoked", "RevokedWithoutSigner")]
    [InlineData("New-TlsCertificate -NotBefore ([datetime]::UtcNow) -NotAfter ([datetime]::UtcNow.AddDays(-1))", "ValidityPeriodInvalid")]
    [InlineData("New-TlsCertificate -Signer ([System.Security.Cryptography.X509Certificates.X509Certificate2]::new((New-TlsCertificate -Type CA).RawData))", "SignerHasNoPrivateKey")]
    [InlineData("New-TlsCertificate -ExtendedKeyUsage NotAPurpose", "ExtendedKeyUsageInvalid")]
    [InlineData("New-TlsCertificate -IPAddress 300.1.1.1", "IPAddressInvalid")]
    public void BadInputIsAClearError(string script, string errorId)
    {
        var error = _ps.RunExpectingError(script);

        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public void WhatIfWritesNoFileButStillReturnsTheCertificate()
    {
        var certificate = _ps.Run("New-TlsCertificate -Path \"$d/whatif.pem\" -KeyPath \"$d/whatif.key\" -WhatIf");

        Assert.Single(certificate);
        Assert.False(File.Exists(P("whatif.pem")));
        Assert.False(File.Exists(P("whatif.key")));
    }

    private string P(string name) => Path.Combine(_dir, name);

    private static string PublicKey(params string[] arguments) =>
        OpenSsl.MustRun(arguments.Concat(arguments[0] == "x509" ? new[] { "-pubkey", "-noout" } : new[] { "-pubout" }).ToArray());

    public void Dispose()
    {
        _ps.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
