namespace TlsServer.Engine;

public enum AlertDirection
{
    Sent,
    Received,
}
