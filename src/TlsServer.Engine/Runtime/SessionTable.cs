namespace TlsServer.Engine.Runtime;

/// <summary>
/// The sessions a server keeps for Get-TlsSession, oldest first, bounded by SessionHistoryLimit:
/// when full, the oldest ended session is evicted. Live sessions are never evicted.
/// </summary>
internal sealed class SessionTable
{
    private readonly object _gate = new();
    private readonly LinkedList<SessionRecord> _records = new();
    private readonly int _limit;
    private long _nextId;

    public SessionTable(int limit) => _limit = limit;

    public long NextId() => Interlocked.Increment(ref _nextId);

    public void Add(SessionRecord record)
    {
        lock (_gate)
        {
            _records.AddLast(record);
            EvictEnded();
        }
    }

    /// <summary>Called when a session ends, so an over-full table can shed it or an older one.</summary>
    public void OnEnded()
    {
        lock (_gate) { EvictEnded(); }
    }

    public List<Session> Snapshot()
    {
        SessionRecord[] records;
        lock (_gate) { records = _records.ToArray(); }
        return records.Select(r => r.Snapshot()).ToList();
    }

    public SessionRecord? Find(long id)
    {
        lock (_gate) { return _records.FirstOrDefault(r => r.Id == id); }
    }

    private void EvictEnded()
    {
        var node = _records.First;
        while (_records.Count > _limit && node is not null)
        {
            var next = node.Next;
            if (node.Value.IsEnded)
            {
                _records.Remove(node);
            }

            node = next;
        }
    }
}
