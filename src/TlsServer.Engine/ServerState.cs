namespace TlsServer.Engine;

public enum ServerState
{
    Starting,
    Running,
    Stopping,
    Stopped,
    Faulted,
}
