using Org.BouncyCastle.Tls;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>Recognises BouncyCastle's own enforcement of a limit we configure, so it can be counted.</summary>
internal static class Limits
{
    // HandshakeFraming (TLS) and BouncyCastle 2.7.0 (DTLS) say this when a message exceeds its limit.
    private const string OversizedHandshakeMessage = HandshakeFraming.OversizedMessage;

    public static bool IsOversizedHandshakeMessage(Exception e) =>
        e is TlsFatalAlert alert && alert.Message?.Contains(OversizedHandshakeMessage, StringComparison.Ordinal) == true;
}
