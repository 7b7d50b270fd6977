namespace TlsServer.Engine;

public enum ServerEventKind
{
    ConnectionAccepted,
    HandshakeCompleted,
    SessionEnded,
    AlertReceived,
    AlertSent,
    DataReceived,
}
