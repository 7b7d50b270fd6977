using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509.Extension;
using Org.BouncyCastle.X509;
using TlsServer.Engine.TestPki;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace TlsServer.Engine.Pki;

/// <summary>Makes test certificates (New-TlsCertificate): self-signed, CA, intermediate, server and client, good or deliberately bad.</summary>
public static class TestCertificates
{
    private static readonly TimeSpan DefaultBackdate = TimeSpan.FromHours(1);
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(365);

    private static readonly Dictionary<string, string> KeyPurposes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ServerAuth"] = "1.3.6.1.5.5.7.3.1",
        ["ClientAuth"] = "1.3.6.1.5.5.7.3.2",
        ["CodeSigning"] = "1.3.6.1.5.5.7.3.3",
        ["EmailProtection"] = "1.3.6.1.5.5.7.3.4",
        ["TimeStamping"] = "1.3.6.1.5.5.7.3.8",
        ["OcspSigning"] = "1.3.6.1.5.5.7.3.9",
        ["Any"] = "2.5.29.37.0",
    };

    /// <summary>The EKU names <see cref="CertificateSpec.ExtendedKeyUsages"/> takes besides OIDs.</summary>
    public static IReadOnlyCollection<string> KeyPurposeNames => KeyPurposes.Keys;

    /// <summary>Makes the certificate and its key; the result carries the private key (Ed25519: for this module's cmdlets only).</summary>
    /// <exception cref="TlsServerException">On inconsistent input (a signer without a key, an end before the start …).</exception>
    public static X509Certificate2 Create(CertificateSpec spec)
    {
        var subject = Name(spec.Subject ?? DefaultSubject(spec.Type));
        var (notBefore, notAfter) = Validity(spec);
        var signerKey = spec.Signer is null ? null : SignerKey(spec.Signer);
        var signerCert = spec.Signer is null ? null : new X509CertificateParser().ReadCertificate(spec.Signer.RawData);
        if (spec.Revoked && spec.Signer is null)
        {
            throw TlsServerException.Invalid(ErrorIds.RevokedWithoutSigner, "Only a certificate with a -Signer can be revoked: the signer's CRL lists it.", spec);
        }

        var keys = KeyPairs.Generate(spec.KeyAlgorithm);
        var serial = new BigInteger(1, RandomNumberGenerator.GetBytes(16)).ClearBit(127);
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(serial);
        generator.SetSubjectDN(subject);
        generator.SetIssuerDN(signerCert?.SubjectDN ?? subject);
        generator.SetNotBefore(notBefore.UtcDateTime);
        generator.SetNotAfter(notAfter.UtcDateTime);
        generator.SetPublicKey(keys.Public);
        AddExtensions(generator, spec, subject, keys.Public, signerCert);
        var signingKey = signerKey ?? keys.Private;
        var bc = generator.Generate(new Asn1SignatureFactory(KeyPairs.SignatureAlgorithm(signingKey), signingKey, new SecureRandom()));

        var certificate = WithDotNetKey(new X509Certificate2(bc.GetEncoded()), keys.Private);
        IssuedKeys.Remember(certificate, keys.Private);
        if (spec.Revoked)
        {
            IssuedKeys.Revoke(spec.Signer!, serial, DateTime.UtcNow);
        }

        return certificate;
    }

    private static void AddExtensions(X509V3CertificateGenerator g, CertificateSpec spec, X509Name subject,
        AsymmetricKeyParameter publicKey, BcCertificate? signer)
    {
        bool ca = spec.Type == CertificateType.CA;
        g.AddExtension(X509Extensions.BasicConstraints, true,
            ca ? (spec.PathLength is { } length ? new BasicConstraints(length) : new BasicConstraints(true)) : new BasicConstraints(false));
        int usage = ca ? KeyUsage.KeyCertSign | KeyUsage.CrlSign | KeyUsage.DigitalSignature
            : publicKey is RsaKeyParameters ? KeyUsage.DigitalSignature | KeyUsage.KeyEncipherment : KeyUsage.DigitalSignature;
        g.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(usage));
        g.AddExtension(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(publicKey));
        g.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, signer is null
            ? X509ExtensionUtilities.CreateAuthorityKeyIdentifier(publicKey)
            : X509ExtensionUtilities.CreateAuthorityKeyIdentifier(signer));

        var purposes = spec.ExtendedKeyUsages ?? spec.Type switch
        {
            CertificateType.Server => new[] { "ServerAuth" },
            CertificateType.Client => new[] { "ClientAuth" },
            _ => Array.Empty<string>(),
        };
        if (purposes.Count > 0)
        {
            g.AddExtension(X509Extensions.ExtendedKeyUsage, false,
                new ExtendedKeyUsage(purposes.Select(p => KeyPurposeID.GetInstance(new DerObjectIdentifier(Purpose(p)))).ToArray()));
        }

        var names = AlternativeNames(spec, subject);
        if (names.Count > 0)
        {
            g.AddExtension(X509Extensions.SubjectAlternativeName, false, new GeneralNames(names.ToArray()));
        }
    }

    private static List<GeneralName> AlternativeNames(CertificateSpec spec, X509Name subject)
    {
        if (spec.NoSubjectAlternativeName)
        {
            return new List<GeneralName>();
        }

        var names = spec.DnsNames.Select(n => new GeneralName(GeneralName.DnsName, n))
            .Concat(spec.IPAddresses.Select(ip => new GeneralName(GeneralName.IPAddress, Address(ip))))
            .Concat(spec.Emails.Select(e => new GeneralName(GeneralName.Rfc822Name, e)))
            .ToList();
        if (names.Count == 0 && spec.Type == CertificateType.Server && subject.GetValueList(X509Name.CN).FirstOrDefault() is { } cn)
        {
            names.Add(new GeneralName(GeneralName.DnsName, cn));
        }

        return names;
    }

    private static (DateTimeOffset NotBefore, DateTimeOffset NotAfter) Validity(CertificateSpec spec)
    {
        var now = DateTimeOffset.UtcNow;
        var notBefore = spec.NotBefore ?? (spec.NotAfter is { } end && end <= now ? end - DefaultLifetime : now - DefaultBackdate);
        var notAfter = spec.NotAfter ?? (notBefore > now ? notBefore : now) + DefaultLifetime;
        if (notAfter <= notBefore)
        {
            throw TlsServerException.Invalid(ErrorIds.ValidityPeriodInvalid, $"NotAfter ({notAfter:u}) must be later than NotBefore ({notBefore:u}).", spec);
        }

        return (notBefore, notAfter);
    }

    private static AsymmetricKeyParameter SignerKey(X509Certificate2 signer) =>
        IssuedKeys.PrivateKeyOf(signer) ?? throw TlsServerException.Invalid(ErrorIds.SignerHasNoPrivateKey,
            $"The signer '{signer.Subject}' has no private key; pass a CA certificate made by New-TlsCertificate or loaded with its key.", signer);

    private static X509Certificate2 WithDotNetKey(X509Certificate2 certificate, AsymmetricKeyParameter key)
    {
        byte[] pkcs8 = PrivateKeyInfoFactory.CreatePrivateKeyInfo(key).GetEncoded();
        switch (key)
        {
            case RsaKeyParameters:
                using (var rsa = RSA.Create())
                {
                    rsa.ImportPkcs8PrivateKey(pkcs8, out _);
                    return certificate.CopyWithPrivateKey(rsa);
                }

            case ECPrivateKeyParameters:
                using (var ec = ECDsa.Create())
                {
                    ec.ImportPkcs8PrivateKey(pkcs8, out _);
                    return certificate.CopyWithPrivateKey(ec);
                }

            default:
                return certificate;
        }
    }

    private static string DefaultSubject(CertificateType type) => type switch
    {
        CertificateType.CA => "CN=TlsServer Test CA",
        CertificateType.Client => "CN=TlsServer Test Client",
        _ => "CN=localhost",
    };

    private static X509Name Name(string text)
    {
        try
        {
            return new X509Name(text.Contains('=') ? text : "CN=" + text);
        }
        catch (ArgumentException e)
        {
            throw TlsServerException.Invalid(ErrorIds.SubjectInvalid, $"'{text}' is not a distinguished name such as 'CN=localhost, O=Test': {e.Message}", text);
        }
    }

    private static string Purpose(string name) =>
        KeyPurposes.TryGetValue(name, out var oid) ? oid
        : DerObjectIdentifier.TryFromID(name, out _) ? name
        : throw TlsServerException.Invalid(ErrorIds.ExtendedKeyUsageInvalid, $"'{name}' is neither an OID nor one of {string.Join(", ", KeyPurposes.Keys)}.", name);

    private static Asn1OctetString Address(string ip) =>
        IPAddress.TryParse(ip, out var address) ? new DerOctetString(address.GetAddressBytes())
        : throw TlsServerException.Invalid(ErrorIds.IPAddressInvalid, $"'{ip}' is not an IP address.", ip);

}
