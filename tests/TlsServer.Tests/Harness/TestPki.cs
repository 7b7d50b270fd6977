namespace TlsServer.Tests.Harness;

/// <summary>
/// A test PKI made once per run by New-TlsCertificate and New-TlsCrl, as a user would: a CA with its CRL, an
/// intermediate, good and bad client certificates, and a second CA nobody trusts. Every file is PEM.
/// </summary>
public sealed class TestPki
{
    private static readonly Lazy<TestPki> Lazy = new(() => new TestPki());

    public static TestPki Shared => Lazy.Value;

    private TestPki()
    {
        Directory = Path.Combine(TestCredentials.Shared.Directory, "pki");
        System.IO.Directory.CreateDirectory(Directory);
        using var ps = new PowerShellSession();
        ps.Run($$"""
            $d = '{{Directory}}'
            $ca = New-TlsCertificate -Type CA -Subject 'CN=TlsServer Test Root' -Path "$d/ca.pem"
            $int = New-TlsCertificate -Type CA -Subject 'CN=TlsServer Test Issuing' -Signer $ca -PathLength 0 -Path "$d/int.pem"
            $other = New-TlsCertificate -Type CA -Subject 'CN=Unknown Root' -Path "$d/other-ca.pem"
            $null = New-TlsCertificate -Type Client -Subject 'CN=good' -Email good@example.test -Signer $ca -Path "$d/good.pem" -KeyPath "$d/good.key"
            $null = New-TlsCertificate -Type Client -Subject 'CN=expired' -Signer $ca -NotAfter ([datetime]::UtcNow.AddDays(-1)) -Path "$d/expired.pem" -KeyPath "$d/expired.key"
            $null = New-TlsCertificate -Type Client -Subject 'CN=revoked' -Signer $ca -Revoked -Path "$d/revoked.pem" -KeyPath "$d/revoked.key"
            $null = New-TlsCertificate -Type Client -Subject 'CN=server-only' -Signer $ca -ExtendedKeyUsage ServerAuth -Path "$d/wrong-eku.pem" -KeyPath "$d/wrong-eku.key"
            $null = New-TlsCertificate -Type Client -Subject 'CN=stranger' -Signer $other -Path "$d/unknown.pem" -KeyPath "$d/unknown.key"
            $null = New-TlsCertificate -Type Client -Subject 'CN=rsa2048' -KeyAlgorithm Rsa2048 -Signer $ca -Path "$d/rsa2048.pem" -KeyPath "$d/rsa2048.key"
            $null = New-TlsCertificate -Type Client -Subject 'CN=issued' -Signer $int -Path "$d/issued.pem" -KeyPath "$d/issued.key"
            $null = New-TlsCrl -Signer $ca -Path "$d/ca.crl"
            """);
        if (ps.LastErrors.Count > 0)
        {
            throw new Xunit.Sdk.XunitException("Making the test PKI failed: " + string.Join("; ", ps.LastErrors));
        }
    }

    public string Directory { get; }

    public string P(string name) => Path.Combine(Directory, name);
}
