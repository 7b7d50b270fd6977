namespace TlsServer.Engine.Registry;

/// <summary>
/// Signature schemes (IANA's TLS SignatureScheme registry) by value, and the lists -SignatureAlgorithm takes, in
/// OpenSSL's forms (RSA-PSS+SHA256, ECDSA+SHA384, RSA+SHA256, ed25519) and IANA's (rsa_pss_rsae_sha256). A scheme's
/// value is the TLS 1.2 pair it replaces: the hash in the high byte, the signature in the low byte.
/// </summary>
internal static class SignatureAlgorithmNames
{
    /// <summary>The registry's schemes; <c>Settable</c> marks those the options take, the others are only named.</summary>
    private static readonly (int Code, string Name, bool Settable)[] Schemes =
    {
        (0x0201, "rsa_pkcs1_sha1", true),
        (0x0203, "ecdsa_sha1", true),
        (0x0401, "rsa_pkcs1_sha256", true),
        (0x0403, "ecdsa_secp256r1_sha256", true),
        (0x0501, "rsa_pkcs1_sha384", true),
        (0x0503, "ecdsa_secp384r1_sha384", true),
        (0x0601, "rsa_pkcs1_sha512", true),
        (0x0603, "ecdsa_secp521r1_sha512", true),
        (0x0708, "sm2sig_sm3", true),
        (0x0804, "rsa_pss_rsae_sha256", true),
        (0x0805, "rsa_pss_rsae_sha384", true),
        (0x0806, "rsa_pss_rsae_sha512", true),
        (0x0807, "ed25519", true),
        (0x0808, "ed448", true),
        (0x0809, "rsa_pss_pss_sha256", true),
        (0x080A, "rsa_pss_pss_sha384", true),
        (0x080B, "rsa_pss_pss_sha512", true),
        (0x081A, "ecdsa_brainpoolP256r1tls13_sha256", true),
        (0x081B, "ecdsa_brainpoolP384r1tls13_sha384", true),
        (0x081C, "ecdsa_brainpoolP512r1tls13_sha512", true),
        (0x0904, "mldsa44", true),
        (0x0905, "mldsa65", true),
        (0x0906, "mldsa87", true),
        (0x0911, "slhdsa_sha2_128s", false),
        (0x0912, "slhdsa_sha2_128f", false),
        (0x0913, "slhdsa_sha2_192s", false),
        (0x0914, "slhdsa_sha2_192f", false),
        (0x0915, "slhdsa_sha2_256s", false),
        (0x0916, "slhdsa_sha2_256f", false),
        (0x0917, "slhdsa_shake_128s", false),
        (0x0918, "slhdsa_shake_128f", false),
        (0x0919, "slhdsa_shake_192s", false),
        (0x091A, "slhdsa_shake_192f", false),
        (0x091B, "slhdsa_shake_256s", false),
        (0x091C, "slhdsa_shake_256f", false),
    };

    /// <summary>TLS 1.2's SignatureAlgorithm registry (RFC 5246 7.4.1.4.1, RFC 8422, RFC 8446), for the legacy pairs.</summary>
    private static readonly Dictionary<int, string> Signatures = new()
    {
        [0] = "anonymous", [1] = "rsa", [2] = "dsa", [3] = "ecdsa",
        [4] = "rsa_pss_rsae_sha256", [5] = "rsa_pss_rsae_sha384", [6] = "rsa_pss_rsae_sha512", [7] = "ed25519", [8] = "ed448",
        [9] = "rsa_pss_pss_sha256", [10] = "rsa_pss_pss_sha384", [11] = "rsa_pss_pss_sha512",
        [26] = "ecdsa_brainpoolP256r1tls13_sha256", [27] = "ecdsa_brainpoolP384r1tls13_sha384", [28] = "ecdsa_brainpoolP512r1tls13_sha512",
        [64] = "gostr34102012_256", [65] = "gostr34102012_512",
    };

    /// <summary>TLS 1.2's HashAlgorithm registry; 8 ("Intrinsic") marks schemes that carry their own hash.</summary>
    private static readonly Dictionary<int, string> Hashes = new()
    {
        [0] = "none", [1] = "md5", [2] = "sha1", [3] = "sha224", [4] = "sha256", [5] = "sha384", [6] = "sha512", [8] = "Intrinsic",
    };

    private static readonly Dictionary<string, int> OpenSslSignatures = new(StringComparer.OrdinalIgnoreCase)
    {
        ["RSA"] = 1,
        ["ECDSA"] = 3,
        ["DSA"] = 2,
    };

    private static readonly Dictionary<string, int> OpenSslHashes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MD5"] = 1,
        ["SHA1"] = 2,
        ["SHA224"] = 3,
        ["SHA256"] = 4,
        ["SHA384"] = 5,
        ["SHA512"] = 6,
    };

    private static readonly Dictionary<string, int> PssHashes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SHA256"] = 0x0804,
        ["SHA384"] = 0x0805,
        ["SHA512"] = 0x0806,
    };

    /// <returns>The schemes as TLS code points (hash &lt;&lt; 8 | signature), in order, each once.</returns>
    public static int[] Parse(IEnumerable<string> items, string parameter)
    {
        var result = new List<int>();
        foreach (var name in NamedGroups.Split(items))
        {
            int code = Find(name) ?? throw TlsServerException.Invalid(ErrorIds.SignatureAlgorithmUnknown,
                $"'{name}' in -{parameter} is not a signature algorithm. Use OpenSSL's forms (RSA-PSS+SHA256, ECDSA+SHA256, RSA+SHA256, ed25519) or IANA names (rsa_pss_rsae_sha256, ecdsa_secp256r1_sha256).",
                name);
            if (!result.Contains(code))
            {
                result.Add(code);
            }
        }

        return result.ToArray();
    }

    /// <summary>The IANA name of a scheme, or null for a value the registry does not name.</summary>
    public static string? SchemeName(int code) => Schemes.FirstOrDefault(s => s.Code == code).Name;

    /// <summary>The IANA name of a scheme, or signature_hash for the legacy pairs that have none.</summary>
    public static string Name(int code) => SchemeName(code)
        ?? $"{Signatures.GetValueOrDefault(code & 0xFF, "UNKNOWN")}_{Hashes.GetValueOrDefault(code >> 8, "UNKNOWN")}";

    /// <summary>The IANA names the options take, for completion.</summary>
    public static IEnumerable<string> SettableNames => Schemes.Where(s => s.Settable).Select(s => s.Name);

    private static int? Find(string name)
    {
        int plus = name.IndexOf('+');
        if (plus > 0)
        {
            string sig = name[..plus], hash = name[(plus + 1)..];
            if ((sig.Equals("RSA-PSS", StringComparison.OrdinalIgnoreCase) || sig.Equals("PSS", StringComparison.OrdinalIgnoreCase))
                && PssHashes.TryGetValue(hash, out int pss))
            {
                return pss;
            }

            return OpenSslSignatures.TryGetValue(sig, out int s) && OpenSslHashes.TryGetValue(hash, out int h) ? (h << 8) | s : null;
        }

        var scheme = Schemes.FirstOrDefault(s => s.Settable && s.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        return scheme.Name is null ? null : scheme.Code;
    }
}
