namespace TlsServer.Engine.Engines.BouncyCastle.Dtls;

/// <summary>
/// Tells a datagram that may open an association (an epoch-0 handshake record holding a ClientHello) from noise, and
/// shapes a DTLS ClientHello body as TLS lays it out, for the diagnostics that parse it.
/// </summary>
internal static class DtlsClientHello
{
    private const int RecordHeaderLength = 13;
    private const int HandshakeHeaderLength = 12;
    private const byte Handshake = 22;
    private const byte ClientHello = 1;

    public static bool Looks(ReadOnlySpan<byte> datagram) =>
        datagram.Length >= RecordHeaderLength + HandshakeHeaderLength
        && datagram[0] == Handshake
        && datagram[1] == 0xFE // DTLS versions are 0xFEFF (1.0) and 0xFEFD (1.2)
        && datagram[3] == 0 && datagram[4] == 0 // epoch 0
        && datagram[RecordHeaderLength] == ClientHello;

    /// <summary>The ClientHello body of a datagram that <see cref="Looks"/> like one, if it holds the message unfragmented.</summary>
    public static byte[]? Body(ReadOnlySpan<byte> datagram)
    {
        var header = datagram[RecordHeaderLength..];
        int length = (header[1] << 16) | (header[2] << 8) | header[3];
        int fragmentLength = (header[9] << 16) | (header[10] << 8) | header[11];
        bool whole = fragmentLength == length && header[6] == 0 && header[7] == 0 && header[8] == 0;
        return whole && header.Length >= HandshakeHeaderLength + length ? header.Slice(HandshakeHeaderLength, length).ToArray() : null;
    }

    /// <summary>The body without its cookie field (which follows the session id), as a TLS ClientHello; unchanged if too short.</summary>
    public static byte[] WithoutCookie(byte[] body)
    {
        int sessionIdEnd = 2 + 32 + 1 + (body.Length > 34 ? body[34] : 0);
        if (body.Length <= sessionIdEnd)
        {
            return body;
        }

        int cookieEnd = sessionIdEnd + 1 + body[sessionIdEnd];
        return cookieEnd > body.Length ? body : body[..sessionIdEnd].Concat(body[cookieEnd..]).ToArray();
    }
}
