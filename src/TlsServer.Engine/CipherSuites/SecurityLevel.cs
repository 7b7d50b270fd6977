namespace TlsServer.Engine.CipherSuites;

/// <summary>OpenSSL's security levels (@SECLEVEL=n) as they apply to cipher suites.</summary>
internal static class SecurityLevel
{
    private static readonly int[] MinimumBits = { 0, 80, 112, 128, 192, 256 };

    /// <summary>SHA-1's HashAlgorithm code point (RFC 5246 7.4.1.4.1).</summary>
    private const int Sha1Hash = 2;

    /// <summary>
    /// Whether the server may sign with SHA-1 (TLS 1.2 ServerKeyExchange). RFC 9155 forbids it and OpenSSL 3 refuses it at
    /// its default level 1, so only an explicit permission allows it: @SECLEVEL=0 in the cipher string, or a SHA-1 scheme
    /// named in the server's signature schemes (-SignatureAlgorithm).
    /// </summary>
    /// <param name="schemes">The schemes as TLS code points (hash in the high byte; SHA-1 is 2).</param>
    public static bool AllowsSha1Signatures(string? cipher, IReadOnlyList<int>? schemes) =>
        schemes?.Any(s => s >> 8 == Sha1Hash) == true
        || (cipher is not null && CipherString.Expand(cipher).SecurityLevel == 0);

    /// <summary>Why a level forbids a suite, or null if it allows it.</summary>
    public static string? Forbids(int level, CipherSuiteInfo c)
    {
        if (level <= 0)
        {
            return null;
        }

        int bits = MinimumBits[level];
        return c.Bits < bits ? $"it has fewer than {bits} bits of strength"
            : c.Authentication == CipherAuthentication.Null ? "it is anonymous"
            : c.Mac == CipherMac.Md5 ? "it uses MD5"
            : bits > 160 && c.Mac == CipherMac.Sha1 ? "it uses SHA-1"
            : level >= 3 && !c.IsTls13 && (c.KeyExchange & (CipherKeyExchange.Dhe | CipherKeyExchange.Ecdhe)) == 0 ? "it has no forward secrecy"
            : null;
    }
}
