namespace TlsServer.Engine.Registry;

/// <summary>The public protocol names and their wire codes (RFC 8446 and RFC 9147: the major byte, then the minor).</summary>
internal static class ProtocolVersions
{
    public static int Code(TlsProtocol p) => p switch
    {
        TlsProtocol.Ssl3 => 0x0300,
        TlsProtocol.Tls10 => 0x0301,
        TlsProtocol.Tls11 => 0x0302,
        TlsProtocol.Tls12 => 0x0303,
        TlsProtocol.Tls13 => 0x0304,
        TlsProtocol.Dtls10 => 0xFEFF,
        TlsProtocol.Dtls12 => 0xFEFD,
        _ => throw new ArgumentOutOfRangeException(nameof(p)),
    };

    /// <summary>The protocol a wire code stands for, or null for one this server has no name for.</summary>
    public static TlsProtocol? FromCode(int code) =>
        Enum.GetValues<TlsProtocol>().Cast<TlsProtocol?>().FirstOrDefault(p => Code(p!.Value) == code);

    public static bool IsDtls(TlsProtocol p) => p is TlsProtocol.Dtls10 or TlsProtocol.Dtls12;
}
