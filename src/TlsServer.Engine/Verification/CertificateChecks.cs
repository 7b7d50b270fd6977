using System.Net;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Parameters;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace TlsServer.Engine.Verification;

/// <summary>
/// The checks OpenSSL makes beside path validation: the purpose (EKU), the identity asked for with
/// verify_hostname/verify_email/verify_ip, and key strength for auth_level. Each returns an X509_V_ERR code, 0 for ok.
/// </summary>
internal static class CertificateChecks
{
    private const string AnyExtendedKeyUsage = "2.5.29.37.0";

    /// <summary>OpenSSL's purpose names and the EKU each needs; null means no EKU requirement.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Purposes = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        ["sslclient"] = "1.3.6.1.5.5.7.3.2",
        ["sslserver"] = "1.3.6.1.5.5.7.3.1",
        ["nssslserver"] = "1.3.6.1.5.5.7.3.1",
        ["smimesign"] = "1.3.6.1.5.5.7.3.4",
        ["smimeencrypt"] = "1.3.6.1.5.5.7.3.4",
        ["codesign"] = "1.3.6.1.5.5.7.3.3",
        ["timestampsign"] = "1.3.6.1.5.5.7.3.8",
        ["ocsphelper"] = null,
        ["crlsign"] = null,
        ["any"] = null,
    };

    /// <summary>verify_name profiles and the purpose each sets.</summary>
    public static readonly IReadOnlyDictionary<string, string> Profiles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["default"] = "any",
        ["pkcs7"] = "smimesign",
        ["smime_sign"] = "smimesign",
        ["ssl_client"] = "sslclient",
        ["ssl_server"] = "sslserver",
    };

    public static int Purpose(BcCertificate leaf, string purpose)
    {
        if (Purposes[purpose] is not { } needed)
        {
            return VerifyError.Ok;
        }

        var ekus = leaf.GetExtendedKeyUsage();
        if (ekus is not null && !ekus.Any(o => o.Id == needed || o.Id == AnyExtendedKeyUsage))
        {
            return VerifyError.InvalidPurpose;
        }

        // An SSL client or server key must be allowed to sign (or agree keys) when keyUsage is present.
        bool[]? usage = leaf.GetKeyUsage();
        bool tls = purpose.EndsWith("sslclient", StringComparison.OrdinalIgnoreCase) || purpose.EndsWith("sslserver", StringComparison.OrdinalIgnoreCase);
        return tls && usage is not null && !usage[0] && !usage[4] && !(usage.Length > 2 && usage[2])
            ? VerifyError.InvalidPurpose
            : VerifyError.Ok;
    }

    public static int Identity(BcCertificate leaf, VerifyOptions o)
    {
        var names = leaf.GetSubjectAlternativeNameExtension()?.GetNames() ?? Array.Empty<GeneralName>();
        if (o.VerifyHostname is { } host && !HostMatches(leaf, names, host))
        {
            return VerifyError.HostnameMismatch;
        }

        if (o.VerifyEmail is { } email && !EmailMatches(leaf, names, email))
        {
            return VerifyError.EmailMismatch;
        }

        if (o.VerifyIP is { } ip && !IPMatches(names, ip))
        {
            return VerifyError.IPAddressMismatch;
        }

        return VerifyError.Ok;
    }

    /// <summary>The first certificate, from the leaf, whose key is below the level's strength, as (code, depth).</summary>
    public static (int Code, int Depth) KeyStrength(IReadOnlyList<BcCertificate> chain, int level)
    {
        int[] minimumBits = { 0, 80, 112, 128, 192, 256 };
        for (int depth = 0; depth < chain.Count; depth++)
        {
            if (SecurityBits(chain[depth]) < minimumBits[level])
            {
                return (depth == 0 ? VerifyError.EeKeyTooSmall : VerifyError.CaKeyTooSmall, depth);
            }
        }

        return (VerifyError.Ok, 0);
    }

    private static int SecurityBits(BcCertificate c) => c.GetPublicKey() switch
    {
        RsaKeyParameters rsa => FiniteFieldBits(rsa.Modulus.BitLength),
        DsaPublicKeyParameters dsa => FiniteFieldBits(dsa.Parameters.P.BitLength),
        ECPublicKeyParameters ec => ec.Parameters.Curve.FieldSize / 2,
        Ed25519PublicKeyParameters => 128,
        Ed448PublicKeyParameters => 224,
        _ => 0,
    };

    private static int FiniteFieldBits(int bits) =>
        bits >= 15360 ? 256 : bits >= 7680 ? 192 : bits >= 3072 ? 128 : bits >= 2048 ? 112 : bits >= 1024 ? 80 : 0;

    private static bool HostMatches(BcCertificate leaf, GeneralName[] names, string host)
    {
        var dns = names.Where(n => n.TagNo == GeneralName.DnsName).Select(n => n.Name.ToString()!).ToList();
        if (dns.Count == 0)
        {
            // Without DNS names OpenSSL falls back to the subject's common names.
            dns = leaf.SubjectDN.GetValueList(X509Name.CN).ToList();
        }

        return dns.Any(pattern => WildcardMatch(pattern, host.TrimEnd('.')));
    }

    private static bool WildcardMatch(string pattern, string host)
    {
        if (string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            return false;
        }

        int dot = host.IndexOf('.');
        return dot > 0 && host[(dot + 1)..].Contains('.') && string.Equals(pattern[2..], host[(dot + 1)..], StringComparison.OrdinalIgnoreCase);
    }

    private static bool EmailMatches(BcCertificate leaf, GeneralName[] names, string email) =>
        names.Where(n => n.TagNo == GeneralName.Rfc822Name).Select(n => n.Name.ToString()!)
            .Concat(leaf.SubjectDN.GetValueList(X509Name.EmailAddress))
            .Any(e => string.Equals(e, email, StringComparison.OrdinalIgnoreCase));

    private static bool IPMatches(GeneralName[] names, string ip)
    {
        if (!IPAddress.TryParse(ip, out var wanted))
        {
            return false;
        }

        byte[] bytes = wanted.GetAddressBytes();
        return names.Where(n => n.TagNo == GeneralName.IPAddress)
            .Any(n => Org.BouncyCastle.Asn1.Asn1OctetString.GetInstance(n.Name).GetOctets().AsSpan().SequenceEqual(bytes));
    }
}
