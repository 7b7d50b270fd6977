namespace TlsServer.Engine.Runtime;

internal readonly record struct ConnectionOutcome(bool IsFailure, string Reason)
{
    public static ConnectionOutcome Closed(string reason) => new(false, reason);

    public static ConnectionOutcome Failed(string reason) => new(true, reason);
}
