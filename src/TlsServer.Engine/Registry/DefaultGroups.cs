using Org.BouncyCastle.Tls;

namespace TlsServer.Engine.Tls;

/// <summary>The key exchange groups a server accepts when not told otherwise: OpenSSL 3's default list, in its order.</summary>
internal static class DefaultGroups
{
    public static readonly int[] All =
    {
        NamedGroup.x25519, NamedGroup.secp256r1, NamedGroup.x448, NamedGroup.secp521r1, NamedGroup.secp384r1,
        NamedGroup.ffdhe2048, NamedGroup.ffdhe3072, NamedGroup.ffdhe4096, NamedGroup.ffdhe6144, NamedGroup.ffdhe8192,
    };
}
