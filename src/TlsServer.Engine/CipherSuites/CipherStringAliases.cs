using K = TlsServer.Engine.CipherSuites.CipherKeyExchange;
using A = TlsServer.Engine.CipherSuites.CipherAuthentication;
using E = TlsServer.Engine.CipherSuites.CipherEncryption;
using M = TlsServer.Engine.CipherSuites.CipherMac;
using S = TlsServer.Engine.CipherSuites.CipherStrength;

namespace TlsServer.Engine.CipherSuites;

/// <summary>
/// A pattern in OpenSSL's cipher-string language: a suite matches when, for every class the pattern sets, the
/// suite has at least one of its bits (and the exact minimum protocol, if set).
/// </summary>
internal sealed record CipherPattern(
    K KeyExchange = K.None,
    A Authentication = A.None,
    E Encryption = E.None,
    M Mac = M.None,
    TlsProtocol? MinimumProtocol = null,
    S Strength = S.None,
    int? Id = null)
{
    public bool Matches(CipherSuiteInfo c) =>
        (Id is null || Id == c.Id)
        && (KeyExchange == K.None || (KeyExchange & c.KeyExchange) != 0)
        && (Authentication == A.None || (Authentication & c.Authentication) != 0)
        && (Encryption == E.None || (Encryption & c.Encryption) != 0)
        && (Mac == M.None || (Mac & c.Mac) != 0)
        && (MinimumProtocol is null || NormalizeMinimum(MinimumProtocol.Value) == NormalizeMinimum(c.MinimumProtocol))
        && ((Strength & S.Classes) == 0 || (Strength & S.Classes & c.Strength) != 0)
        && ((Strength & S.NotDefault) == 0 || (c.Strength & S.NotDefault) != 0);

    /// <summary>Combines two words joined by '+': each class narrows to the bits both share; null if nothing is left.</summary>
    public CipherPattern? And(CipherPattern other)
    {
        K kx = Narrow(KeyExchange, other.KeyExchange, (a, b) => a & b);
        A au = Narrow(Authentication, other.Authentication, (a, b) => a & b);
        E enc = Narrow(Encryption, other.Encryption, (a, b) => a & b);
        M mac = Narrow(Mac, other.Mac, (a, b) => a & b);
        S classes = Narrow(Strength & S.Classes, other.Strength & S.Classes, (a, b) => a & b);
        bool conflict = (KeyExchange != K.None && other.KeyExchange != K.None && kx == K.None)
            || (Authentication != A.None && other.Authentication != A.None && au == A.None)
            || (Encryption != E.None && other.Encryption != E.None && enc == E.None)
            || (Mac != M.None && other.Mac != M.None && mac == M.None)
            || ((Strength & S.Classes) != 0 && (other.Strength & S.Classes) != 0 && classes == S.None)
            || (MinimumProtocol is not null && other.MinimumProtocol is not null && MinimumProtocol != other.MinimumProtocol)
            || (Id is not null && other.Id is not null && Id != other.Id);
        if (conflict)
        {
            return null;
        }

        return new CipherPattern(kx, au, enc, mac, MinimumProtocol ?? other.MinimumProtocol,
            classes | ((Strength | other.Strength) & S.NotDefault), Id ?? other.Id);
    }

    private static T Narrow<T>(T a, T b, Func<int, int, int> and) where T : struct, Enum
    {
        int x = Convert.ToInt32(a), y = Convert.ToInt32(b);
        return (T)Enum.ToObject(typeof(T), x == 0 ? y : y == 0 ? x : and(x, y));
    }

    // OpenSSL has one minimum for TLS 1.0 and 1.1 suites (TLS1_VERSION).
    private static TlsProtocol NormalizeMinimum(TlsProtocol p) => p == TlsProtocol.Tls11 ? TlsProtocol.Tls10 : p;
}

/// <summary>OpenSSL 3.0's cipher-string aliases.</summary>
internal static class CipherStringAliases
{
    private const E AllButNull = (E)~(int)E.Null;

    public static readonly IReadOnlyDictionary<string, CipherPattern> ByName = new Dictionary<string, CipherPattern>(StringComparer.Ordinal)
    {
        ["ALL"] = new(Encryption: AllButNull),
        ["COMPLEMENTOFALL"] = new(Encryption: E.Null),
        ["COMPLEMENTOFDEFAULT"] = new(Strength: S.NotDefault),

        ["kRSA"] = new(K.Rsa),
        ["kEDH"] = new(K.Dhe),
        ["kDHE"] = new(K.Dhe),
        ["DH"] = new(K.Dhe),
        ["kEECDH"] = new(K.Ecdhe),
        ["kECDHE"] = new(K.Ecdhe),
        ["ECDH"] = new(K.Ecdhe),
        ["kPSK"] = new(K.Psk),
        ["kRSAPSK"] = new(K.RsaPsk),
        ["kECDHEPSK"] = new(K.EcdhePsk),
        ["kDHEPSK"] = new(K.DhePsk),
        ["kSRP"] = new(K.Srp),

        ["aRSA"] = new(Authentication: A.Rsa),
        ["aDSS"] = new(Authentication: A.Dss),
        ["DSS"] = new(Authentication: A.Dss),
        ["aNULL"] = new(Authentication: A.Null),
        ["aECDSA"] = new(Authentication: A.Ecdsa),
        ["ECDSA"] = new(Authentication: A.Ecdsa),
        ["aPSK"] = new(Authentication: A.Psk),
        ["aSRP"] = new(Authentication: A.Srp),

        ["EDH"] = new(K.Dhe, (A)~(int)A.Null),
        ["DHE"] = new(K.Dhe, (A)~(int)A.Null),
        ["EECDH"] = new(K.Ecdhe, (A)~(int)A.Null),
        ["ECDHE"] = new(K.Ecdhe, (A)~(int)A.Null),
        ["NULL"] = new(Encryption: E.Null),
        ["RSA"] = new(K.Rsa, A.Rsa),
        ["ADH"] = new(K.Dhe, A.Null),
        ["AECDH"] = new(K.Ecdhe, A.Null),
        ["PSK"] = new(K.AllPsk),
        ["SRP"] = new(K.Srp),

        ["3DES"] = new(Encryption: E.TripleDes),
        ["eNULL"] = new(Encryption: E.Null),
        ["AES128"] = new(Encryption: E.Aes128 | E.Aes128Gcm | E.Aes128Ccm | E.Aes128Ccm8),
        ["AES256"] = new(Encryption: E.Aes256 | E.Aes256Gcm | E.Aes256Ccm | E.Aes256Ccm8),
        ["AES"] = new(Encryption: E.Aes),
        ["AESGCM"] = new(Encryption: E.AesGcm),
        ["AESCCM"] = new(Encryption: E.AesCcm),
        ["AESCCM8"] = new(Encryption: E.AesCcm8),
        ["CAMELLIA128"] = new(Encryption: E.Camellia128),
        ["CAMELLIA256"] = new(Encryption: E.Camellia256),
        ["CAMELLIA"] = new(Encryption: E.Camellia),
        ["CHACHA20"] = new(Encryption: E.ChaCha20Poly1305),
        ["CBC"] = new(Encryption: E.Cbc),
        ["ARIA"] = new(Encryption: E.AriaGcm),
        ["ARIAGCM"] = new(Encryption: E.AriaGcm),
        ["ARIA128"] = new(Encryption: E.Aria128Gcm),
        ["ARIA256"] = new(Encryption: E.Aria256Gcm),

        ["MD5"] = new(Mac: M.Md5),
        ["SHA1"] = new(Mac: M.Sha1),
        ["SHA"] = new(Mac: M.Sha1),
        ["SHA256"] = new(Mac: M.Sha256),
        ["SHA384"] = new(Mac: M.Sha384),

        ["SSLv3"] = new(MinimumProtocol: TlsProtocol.Ssl3),
        ["TLSv1"] = new(MinimumProtocol: TlsProtocol.Tls10),
        ["TLSv1.0"] = new(MinimumProtocol: TlsProtocol.Tls10),
        ["TLSv1.2"] = new(MinimumProtocol: TlsProtocol.Tls12),

        ["LOW"] = new(Strength: S.Low),
        ["MEDIUM"] = new(Strength: S.Medium),
        ["HIGH"] = new(Strength: S.High),
        ["FIPS"] = new(Encryption: AllButNull, Strength: S.Fips),
    };

    /// <summary>What DEFAULT stands for at the start of a string (OpenSSL 3.0).</summary>
    public const string Default = "ALL:!COMPLEMENTOFDEFAULT:!eNULL";

    /// <summary>Suite B keywords, which replace the whole string when it starts with one.</summary>
    public static readonly IReadOnlyDictionary<string, string> SuiteB = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["SUITEB128ONLY"] = "ECDHE-ECDSA-AES128-GCM-SHA256",
        ["SUITEB128C2"] = "ECDHE-ECDSA-AES256-GCM-SHA384",
        ["SUITEB128"] = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384",
        ["SUITEB192"] = "ECDHE-ECDSA-AES256-GCM-SHA384",
    };
}
