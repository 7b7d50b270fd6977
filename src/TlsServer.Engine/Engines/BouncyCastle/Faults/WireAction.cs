namespace TlsServer.Engine.Engines.BouncyCastle.Faults;

/// <summary>What the fault sender does when the server's output reaches a marked byte.</summary>
internal enum WireActionKind
{
    /// <summary>Waits before sending the bytes from the mark on.</summary>
    Delay,

    /// <summary>Sends everything from the mark on a few bytes at a time.</summary>
    Dribble,

    /// <summary>Sends nothing from the mark on.</summary>
    Withhold,

    /// <summary>FIN at the mark; nothing after it is sent, the connection keeps reading.</summary>
    HalfClose,

    /// <summary>A budget of bytes from the mark, then FIN or a reset.</summary>
    Truncate,

    /// <summary>A TCP reset at the mark; the connection ends.</summary>
    Reset,
}

/// <param name="FaultIndex">The fault's place in the server's list, for the session's log.</param>
/// <param name="At">Where the fault acted, in words ("after ServerHello").</param>
internal sealed record WireAction(WireActionKind Kind, int FaultIndex, string At)
{
    public TimeSpan Delay { get; init; }

    public int ChunkSize { get; init; } = 1;

    /// <summary>Truncate: bytes still to send.</summary>
    public int Budget { get; init; }

    /// <summary>Truncate: end with a reset instead of FIN.</summary>
    public bool Reset { get; init; }

    /// <summary>Actions that wait for bytes to send; the others act as soon as the output reaches them.</summary>
    public bool WaitsForBytes => Kind is WireActionKind.Delay or WireActionKind.Dribble;
}
