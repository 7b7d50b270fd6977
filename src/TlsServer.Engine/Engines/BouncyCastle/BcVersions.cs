using Org.BouncyCastle.Tls;
using TlsServer.Engine.Registry;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>The public protocol names as BouncyCastle's versions and back, through their wire codes.</summary>
internal static class BcVersions
{
    public static ProtocolVersion ToBc(TlsProtocol p) => ProtocolVersion.Get(ProtocolVersions.Code(p) >> 8, ProtocolVersions.Code(p) & 0xFF);

    public static TlsProtocol? FromBc(ProtocolVersion? v) => v is null ? null : ProtocolVersions.FromCode(v.FullVersion);

    /// <summary>The versions in the order BouncyCastle wants them: newest first.</summary>
    public static ProtocolVersion[] ToBc(IEnumerable<TlsProtocol> protocols) =>
        protocols.Distinct().OrderByDescending(p => p).Select(ToBc).ToArray();
}
