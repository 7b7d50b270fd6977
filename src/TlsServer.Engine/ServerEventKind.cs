namespace TlsServer.Engine;

public enum ServerEventKind
{
    ConnectionAccepted,
    HandshakeCompleted,
    SessionEnded,

    /// <summary>Interactive mode: data arrived for a session whose buffered data had all been read.</summary>
    DataReceived,
}
