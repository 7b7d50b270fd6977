using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509.Extension;
using Org.BouncyCastle.X509;
using TlsServer.Engine.TestPki;

namespace TlsServer.Engine.Pki;

/// <summary>A CRL signed by a test CA (New-TlsCrl): every certificate made with -Revoked under that CA, and any others named.</summary>
public sealed class CertificateRevocationList
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(30);

    private CertificateRevocationList(X509Crl crl)
    {
        RawData = crl.GetEncoded();
        Issuer = crl.IssuerDN.ToString();
        ThisUpdate = new DateTimeOffset(crl.ThisUpdate, TimeSpan.Zero);
        NextUpdate = crl.NextUpdate is { } next ? new DateTimeOffset(next, TimeSpan.Zero) : null;
        RevokedSerialNumbers = (crl.GetRevokedCertificates() ?? new HashSet<X509CrlEntry>())
            .Select(e => Convert.ToHexString(e.SerialNumber.ToByteArray())).Order(StringComparer.Ordinal).ToArray();
    }

    public string Issuer { get; }

    public DateTimeOffset ThisUpdate { get; }

    public DateTimeOffset? NextUpdate { get; }

    /// <summary>The serial numbers of the revoked certificates, as hex exactly as X509Certificate2.SerialNumber writes them.</summary>
    public IReadOnlyList<string> RevokedSerialNumbers { get; }

    /// <summary>The DER encoding.</summary>
    public byte[] RawData { get; }

    public string ToPem() => CertificateFiles.Pem("X509 CRL", RawData);

    /// <summary>Writes the CRL as PEM (the form -CrlPath, -CAFile and 'openssl crl' read) or DER.</summary>
    public void Save(string path, bool der = false) =>
        CertificateFiles.Write(path, der ? RawData : System.Text.Encoding.ASCII.GetBytes(ToPem()), secret: false);

    /// <exception cref="TlsServerException">SignerHasNoPrivateKey when the CA's key is not at hand.</exception>
    public static CertificateRevocationList Create(X509Certificate2 signer, IEnumerable<X509Certificate2> alsoRevoked, DateTimeOffset? nextUpdate)
    {
        var key = IssuedKeys.PrivateKeyOf(signer) ?? throw TlsServerException.Invalid(ErrorIds.SignerHasNoPrivateKey,
            $"The CA '{signer.Subject}' has no private key to sign a CRL with.", signer);
        var issuer = new X509CertificateParser().ReadCertificate(signer.RawData);
        var now = DateTime.UtcNow;
        var generator = new X509V2CrlGenerator();
        generator.SetIssuerDN(issuer.SubjectDN);
        generator.SetThisUpdate(now.AddMinutes(-5));
        generator.SetNextUpdate((nextUpdate?.UtcDateTime ?? now + DefaultLifetime));
        var revoked = IssuedKeys.RevokedBy(signer).ToList();
        revoked.AddRange(alsoRevoked.Select(c => (new BigInteger(c.SerialNumber, 16), now)));
        foreach (var (serial, when) in revoked.DistinctBy(r => r.Serial))
        {
            generator.AddCrlEntry(serial, when, CrlReason.Unspecified);
        }

        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, X509ExtensionUtilities.CreateAuthorityKeyIdentifier(issuer));
        generator.AddExtension(X509Extensions.CrlNumber, false, new CrlNumber(BigInteger.ValueOf(DateTimeOffset.UtcNow.ToUnixTimeSeconds())));
        var crl = generator.Generate(new Asn1SignatureFactory(KeyPairs.SignatureAlgorithm(key), key, new SecureRandom()));
        return new CertificateRevocationList(crl);
    }

    public override string ToString() => $"CRL of {Issuer}, {RevokedSerialNumbers.Count} revoked";
}
