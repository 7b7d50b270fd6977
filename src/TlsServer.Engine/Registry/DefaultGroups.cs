using static TlsServer.Engine.Registry.NamedGroups;

namespace TlsServer.Engine.Registry;

/// <summary>The key exchange groups a server accepts when not told otherwise: OpenSSL 3's default list, in its order.</summary>
internal static class DefaultGroups
{
    public static readonly int[] All =
    {
        X25519, Secp256r1, X448, Secp521r1, Secp384r1, Ffdhe2048, Ffdhe3072, Ffdhe4096, Ffdhe6144, Ffdhe8192,
    };
}
