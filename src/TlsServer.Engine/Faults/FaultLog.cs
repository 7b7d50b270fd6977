namespace TlsServer.Engine.Faults;

/// <summary>
/// What each of a server's faults did on one connection: at most one outcome per fault, with the bytes and records it
/// touched added up, so a fault that acts on every record costs one entry. Safe to use from any thread.
/// </summary>
internal sealed class FaultLog
{
    private readonly object _gate = new();
    private readonly IReadOnlyList<TlsFault> _faults;
    private readonly Entry?[] _entries;

    public FaultLog(IReadOnlyList<TlsFault> faults)
    {
        _faults = faults;
        _entries = new Entry?[faults.Count];
    }

    /// <summary>Records that fault <paramref name="index"/> acted; a later call for the same fault adds its bytes and records.</summary>
    public void Applied(int index, string at, TlsProtocol? protocol, long? offset, string detail, long bytes = 0, int records = 0)
    {
        lock (_gate)
        {
            if (_entries[index] is { } entry)
            {
                if (entry.Outcome == TlsFaultOutcome.Applied)
                {
                    entry.Bytes += bytes;
                    entry.Records += records;
                }

                return;
            }

            _entries[index] = new Entry(TlsFaultOutcome.Applied, DateTimeOffset.Now, at, protocol, offset, detail) { Bytes = bytes, Records = records };
        }
    }

    /// <summary>Adds to what an applied fault touched (bytes a sender held back, for one).</summary>
    public void Add(int index, long bytes, int records = 0)
    {
        lock (_gate)
        {
            if (_entries[index] is { Outcome: TlsFaultOutcome.Applied } entry)
            {
                entry.Bytes += bytes;
                entry.Records += records;
            }
        }
    }

    /// <summary>The fault's moment came but it could not apply; ignored once the fault has an outcome.</summary>
    public void NotApplicable(int index, string at, TlsProtocol? protocol, string reason)
    {
        lock (_gate)
        {
            _entries[index] ??= new Entry(TlsFaultOutcome.NotApplicable, DateTimeOffset.Now, at, protocol, null, reason);
        }
    }

    public bool HasOutcome(int index)
    {
        lock (_gate)
        {
            return _entries[index] is not null;
        }
    }

    /// <summary>The connection has ended: every fault without an outcome was not reached.</summary>
    public void OnEnded()
    {
        lock (_gate)
        {
            for (int i = 0; i < _entries.Length; i++)
            {
                var trigger = _faults[i].Trigger;
                _entries[i] ??= new Entry(TlsFaultOutcome.NotReached, DateTimeOffset.Now, trigger?.ToString() ?? "-", null, null,
                    trigger is null ? "the connection ended before the fault had anything to change" : $"the connection ended before the fault's point ({trigger})");
            }
        }
    }

    public IReadOnlyList<TlsFaultEvent> Snapshot(bool applied)
    {
        lock (_gate)
        {
            return _entries
                .Select((entry, index) => (entry, index))
                .Where(e => e.entry is not null && (e.entry.Outcome == TlsFaultOutcome.Applied) == applied)
                .OrderBy(e => e.entry!.Time)
                .Select(e => e.entry!.ToEvent(_faults[e.index]))
                .ToArray();
        }
    }

    private sealed record Entry(TlsFaultOutcome Outcome, DateTimeOffset Time, string At, TlsProtocol? Protocol, long? Offset, string Detail)
    {
        public long Bytes { get; set; }

        public int Records { get; set; }

        public TlsFaultEvent ToEvent(TlsFault fault) => new(fault, Outcome, Time, At, Protocol, Offset, Bytes, Records, Detail);
    }
}
