namespace TlsServer.Engine;

/// <summary>Which way a protocol message crossed, seen from the server.</summary>
public enum MessageDirection
{
    Received,
    Sent,
}
