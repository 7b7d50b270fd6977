namespace TlsServer.Engine;

/// <summary>
/// What one fault did on one connection: applied (with what it changed), not applicable, or not reached. Flat, with
/// names rather than enum numbers, so a session serializes whole.
/// </summary>
public sealed class TlsFaultEvent
{
    internal TlsFaultEvent(TlsFault fault, TlsFaultOutcome outcome, DateTimeOffset time, string at, TlsProtocol? protocol,
        long? offset, long bytes, int records, string detail)
    {
        Name = fault.Name;
        Description = fault.Description;
        Outcome = outcome.ToString();
        Time = time;
        At = at;
        Protocol = protocol?.ToString();
        Offset = offset;
        Bytes = bytes;
        Records = records;
        Detail = detail;
    }

    /// <summary>The fault's name, e.g. SendAlert.</summary>
    public string Name { get; }

    /// <summary>The fault's description, e.g. "fatal internal_error after ServerHello".</summary>
    public string Description { get; }

    /// <summary>A <see cref="TlsFaultOutcome"/> name: Applied, NotApplicable or NotReached.</summary>
    public string Outcome { get; }

    /// <summary>When it first applied, or when it was found not to.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>Where in the connection, e.g. "after ServerHello".</summary>
    public string At { get; }

    /// <summary>The TLS version in use then (a <see cref="TlsProtocol"/> name), if one was agreed.</summary>
    public string? Protocol { get; }

    /// <summary>How many bytes the server had sent (or queued) on this connection before the fault acted.</summary>
    public long? Offset { get; }

    /// <summary>Bytes the fault sent, changed, held back or delayed.</summary>
    public long Bytes { get; }

    /// <summary>Records the fault wrote, split or changed.</summary>
    public int Records { get; }

    /// <summary>What happened, or why it did not.</summary>
    public string Detail { get; }

    public override string ToString() => $"{Name} {At}: {(Outcome == nameof(TlsFaultOutcome.Applied) ? string.Empty : Outcome + ", ")}{Detail}";
}
