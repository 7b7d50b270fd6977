namespace TlsServer.Engine.Engines.BouncyCastle.Faults;

/// <summary>
/// Offsets into everything a connection's protocol has queued for the socket, and the wire actions marked at them. The
/// protocol marks (under the connection's writer lock); the fault sender, which sends under the same lock, acts.
/// </summary>
internal sealed class OutputLedger
{
    private readonly List<(long Offset, WireAction Action)> _marks = new();

    /// <summary>Bytes the connection has taken out of the protocol to send.</summary>
    public long Drained { get; private set; }

    public void AddDrained(int count) => Drained += count;

    public void Mark(long offset, WireAction action) => _marks.Add((offset, action));

    /// <summary>The first mark at or before <paramref name="position"/>, in the order marked.</summary>
    public bool TryPeek(long position, out WireAction action)
    {
        foreach (var mark in _marks)
        {
            if (mark.Offset <= position)
            {
                action = mark.Action;
                return true;
            }
        }

        action = null!;
        return false;
    }

    public void Remove(WireAction action) => _marks.RemoveAll(m => ReferenceEquals(m.Action, action));

    /// <summary>The nearest marked offset after <paramref name="position"/>, if any.</summary>
    public long? NextAfter(long position) =>
        _marks.Where(m => m.Offset > position).Select(m => (long?)m.Offset).DefaultIfEmpty(null).Min();
}
