using Org.BouncyCastle.Tls;

namespace TlsServer.Engine.Tls;

/// <summary>Maps the public protocol names to BouncyCastle's versions and back.</summary>
internal static class ProtocolVersions
{
    public static ProtocolVersion ToBc(TlsProtocol p) => p switch
    {
        TlsProtocol.Ssl3 => ProtocolVersion.SSLv3,
        TlsProtocol.Tls10 => ProtocolVersion.TLSv10,
        TlsProtocol.Tls11 => ProtocolVersion.TLSv11,
        TlsProtocol.Tls12 => ProtocolVersion.TLSv12,
        TlsProtocol.Tls13 => ProtocolVersion.TLSv13,
        TlsProtocol.Dtls10 => ProtocolVersion.DTLSv10,
        TlsProtocol.Dtls12 => ProtocolVersion.DTLSv12,
        _ => throw new ArgumentOutOfRangeException(nameof(p)),
    };

    public static TlsProtocol? FromBc(ProtocolVersion? v)
    {
        if (v is null)
        {
            return null;
        }

        foreach (TlsProtocol p in Enum.GetValues<TlsProtocol>())
        {
            if (ToBc(p).Equals(v))
            {
                return p;
            }
        }

        return null;
    }

    public static bool IsDtls(TlsProtocol p) => p is TlsProtocol.Dtls10 or TlsProtocol.Dtls12;

    /// <summary>The versions in the order BouncyCastle wants them: newest first.</summary>
    public static ProtocolVersion[] ToBc(IEnumerable<TlsProtocol> protocols) =>
        protocols.Distinct().OrderByDescending(p => p).Select(ToBc).ToArray();
}
