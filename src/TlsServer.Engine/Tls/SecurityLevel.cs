namespace TlsServer.Engine.Tls;

/// <summary>OpenSSL's security levels (@SECLEVEL=n) as they apply to cipher suites.</summary>
internal static class SecurityLevel
{
    private static readonly int[] MinimumBits = { 0, 80, 112, 128, 192, 256 };

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
