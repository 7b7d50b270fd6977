using Org.BouncyCastle.Tls;

namespace TlsServer.Engine.Connections;

/// <summary>Recognises BouncyCastle's own enforcement of a limit we configure, so it can be counted.</summary>
internal static class Limits
{
    // BouncyCastle 2.7.0 raises internal_error with this text when a message exceeds GetMaxHandshakeMessageSize.
    private const string OversizedHandshakeMessage = "Handshake message length exceeds the maximum";

    public static bool IsOversizedHandshakeMessage(Exception e) =>
        e is TlsFatalAlert { AlertDescription: AlertDescription.internal_error } alert
        && alert.Message?.Contains(OversizedHandshakeMessage, StringComparison.Ordinal) == true;
}
