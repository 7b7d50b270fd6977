namespace TlsServer.Engine;

public sealed class SessionEventArgs : EventArgs
{
    public SessionEventArgs(ServerEventKind kind, Session session)
    {
        Kind = kind;
        Session = session;
    }

    public SessionEventArgs(ServerEventKind kind, Session session, TlsAlert? alert, byte[]? data)
        : this(kind, session)
    {
        Alert = alert;
        Data = data;
    }

    public ServerEventKind Kind { get; }

    /// <summary>The alert of an AlertReceived or AlertSent event.</summary>
    public TlsAlert? Alert { get; }

    /// <summary>The decrypted bytes of a DataReceived event.</summary>
    public byte[]? Data { get; }

    public Session Session { get; }
}
