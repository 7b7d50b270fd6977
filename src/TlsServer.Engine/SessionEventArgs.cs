namespace TlsServer.Engine;

public sealed class SessionEventArgs : EventArgs
{
    public SessionEventArgs(ServerEventKind kind, Session session)
    {
        Kind = kind;
        Session = session;
    }

    public ServerEventKind Kind { get; }

    public Session Session { get; }
}
