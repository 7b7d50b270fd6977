namespace TlsServer.Engine;

public enum SessionState
{
    Handshaking,
    Established,
    Closed,
    Failed,
}
