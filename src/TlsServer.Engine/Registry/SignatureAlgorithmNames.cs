using Org.BouncyCastle.Tls;

namespace TlsServer.Engine.Tls;

/// <summary>Signature algorithm lists in OpenSSL's forms (RSA-PSS+SHA256, ECDSA+SHA384, RSA+SHA256, ed25519) and IANA's (rsa_pss_rsae_sha256).</summary>
internal static class SignatureAlgorithmNames
{
    private static readonly Dictionary<string, short> Signatures = new(StringComparer.OrdinalIgnoreCase)
    {
        ["RSA"] = SignatureAlgorithm.rsa,
        ["ECDSA"] = SignatureAlgorithm.ecdsa,
        ["DSA"] = SignatureAlgorithm.dsa,
    };

    private static readonly Dictionary<string, short> Hashes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MD5"] = HashAlgorithm.md5,
        ["SHA1"] = HashAlgorithm.sha1,
        ["SHA224"] = HashAlgorithm.sha224,
        ["SHA256"] = HashAlgorithm.sha256,
        ["SHA384"] = HashAlgorithm.sha384,
        ["SHA512"] = HashAlgorithm.sha512,
    };

    private static readonly Dictionary<string, short> PssHashes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SHA256"] = SignatureAlgorithm.rsa_pss_rsae_sha256,
        ["SHA384"] = SignatureAlgorithm.rsa_pss_rsae_sha384,
        ["SHA512"] = SignatureAlgorithm.rsa_pss_rsae_sha512,
    };

    /// <returns>The schemes as TLS code points (hash &lt;&lt; 8 | signature), in order, each once.</returns>
    public static int[] Parse(IEnumerable<string> items, string parameter)
    {
        var result = new List<int>();
        foreach (var name in NamedGroups.Split(items))
        {
            var alg = Find(name) ?? throw TlsServerException.Invalid(ErrorIds.SignatureAlgorithmUnknown,
                $"'{name}' in -{parameter} is not a signature algorithm. Use OpenSSL's forms (RSA-PSS+SHA256, ECDSA+SHA256, RSA+SHA256, ed25519) or IANA names (rsa_pss_rsae_sha256, ecdsa_secp256r1_sha256).",
                name);
            int code = Code(alg);
            if (!result.Contains(code))
            {
                result.Add(code);
            }
        }

        return result.ToArray();
    }

    /// <summary>A scheme's TLS code point: the hash in the high byte, the signature in the low byte.</summary>
    public static int Code(SignatureAndHashAlgorithm alg) => ((alg.Hash & 0xFF) << 8) | (alg.Signature & 0xFF);

    public static SignatureAndHashAlgorithm FromCode(int code) => SignatureAndHashAlgorithm.GetInstance((short)(code >> 8), (short)(code & 0xFF));

    /// <summary>The IANA name of a scheme, or signature_hash for the legacy pairs that have none.</summary>
    public static string Name(SignatureAndHashAlgorithm alg)
    {
        string name = SignatureScheme.GetName(SignatureScheme.From(alg));
        return name.StartsWith("UNKNOWN", StringComparison.Ordinal)
            ? $"{SignatureAlgorithm.GetName(alg.Signature)}_{HashAlgorithm.GetName(alg.Hash)}"
            : name;
    }

    private static SignatureAndHashAlgorithm? Find(string name)
    {
        int plus = name.IndexOf('+');
        if (plus > 0)
        {
            string sig = name[..plus], hash = name[(plus + 1)..];
            if ((sig.Equals("RSA-PSS", StringComparison.OrdinalIgnoreCase) || sig.Equals("PSS", StringComparison.OrdinalIgnoreCase))
                && PssHashes.TryGetValue(hash, out short pss))
            {
                return SignatureAndHashAlgorithm.GetInstance(HashAlgorithm.Intrinsic, pss);
            }

            return Signatures.TryGetValue(sig, out short s) && Hashes.TryGetValue(hash, out short h)
                ? SignatureAndHashAlgorithm.GetInstance(h, s)
                : null;
        }

        foreach (var field in typeof(SignatureScheme).GetFields())
        {
            if (field.IsLiteral && field.FieldType == typeof(int) && field.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return SignatureScheme.GetSignatureAndHashAlgorithm((int)field.GetRawConstantValue()!);
            }
        }

        return null;
    }
}
