namespace TlsServer.Engine;

/// <summary>One connected command done to a session, and what came of it.</summary>
public sealed class SessionAction
{
    public SessionAction(DateTimeOffset time, SessionActionKind kind, string detail)
    {
        Time = time;
        Kind = kind.ToString();
        Detail = detail;
    }

    public DateTimeOffset Time { get; }

    /// <summary>A <see cref="SessionActionKind"/> name, e.g. Close or KeyUpdate.</summary>
    public string Kind { get; }

    public string Detail { get; }

    public override string ToString() => $"{Time:HH:mm:ss.fff} {Kind}: {Detail}";
}
