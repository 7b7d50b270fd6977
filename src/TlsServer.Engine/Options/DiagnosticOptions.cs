namespace TlsServer.Engine;

/// <summary>What a server records about each connection and writes as text (s_server -msg, -state, -debug, -brief, -quiet).</summary>
public sealed class DiagnosticOptions
{
    /// <summary>Record every protocol message of each session as a <see cref="TlsMessage"/> (s_server -msg / -trace).</summary>
    public bool Messages { get; init; }

    /// <summary>Write handshake state changes to the trace text (s_server -state).</summary>
    public bool State { get; init; }

    /// <summary>Write a hex dump of every byte read and written to the trace text (s_server -debug).</summary>
    public bool HexDump { get; init; }

    /// <summary>Where the trace text goes (s_server -msgfile); null keeps it in memory for <c>Start-TlsServer -Wait</c> only.</summary>
    public string? TraceFile { get; init; }

    /// <summary>One summary block per connection in the trace text (s_server -brief).</summary>
    public bool Brief { get; init; }

    /// <summary>No trace text at all (s_server -quiet); objects are still recorded.</summary>
    public bool Quiet { get; init; }

    /// <summary>How many messages one session keeps; later ones are counted, not kept.</summary>
    public int? MessageLimit { get; init; }
}
