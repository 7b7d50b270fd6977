using Org.BouncyCastle.Tls;

namespace TlsServer.Engine.Engines.BouncyCastle.Resumption;

internal enum CacheLookup
{
    Hit,
    Miss,
    Expired,
}

/// <summary>
/// A server's session-ID cache: at most <see cref="Capacity"/> sessions, each resumable for <see cref="Timeout"/>.
/// Kept in insertion order, so expired sessions are always at the front; when full, the oldest is evicted.
/// </summary>
internal sealed class SessionCache
{
    private readonly object _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _index = new();
    private readonly LinkedList<Entry> _entries = new();

    public SessionCache(int capacity, TimeSpan timeout)
    {
        Capacity = capacity;
        Timeout = timeout;
    }

    public int Capacity { get; }

    public TimeSpan Timeout { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                RemoveExpired(DateTime.UtcNow);
                return _entries.Count;
            }
        }
    }

    /// <summary>Adds a resumable session; returns how many sessions were evicted because the cache was full.</summary>
    public int Add(TlsSession session, ClientVerification? verification)
    {
        string key = Convert.ToHexString(session.SessionID);
        var now = DateTime.UtcNow;
        int evicted = 0;
        lock (_gate)
        {
            RemoveExpired(now);
            if (_index.TryGetValue(key, out var existing))
            {
                Remove(existing);
            }

            while (_entries.Count >= Capacity)
            {
                Remove(_entries.First!);
                evicted++;
            }

            _index[key] = _entries.AddLast(new Entry(key, new CachedSession(session, verification), now));
        }

        return evicted;
    }

    public CacheLookup Find(byte[] sessionId, out CachedSession? session)
    {
        session = null;
        lock (_gate)
        {
            if (!_index.TryGetValue(Convert.ToHexString(sessionId), out var node))
            {
                return CacheLookup.Miss;
            }

            if (node.Value.Added + Timeout <= DateTime.UtcNow)
            {
                Remove(node);
                return CacheLookup.Expired;
            }

            if (!node.Value.Session.Session.IsResumable)
            {
                Remove(node);
                return CacheLookup.Miss;
            }

            session = node.Value.Session;
            return CacheLookup.Hit;
        }
    }

    /// <summary>Forgets every session and destroys their master secrets.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            foreach (var entry in _entries)
            {
                entry.Session.Session.ExportSessionParameters()?.Clear();
            }

            _entries.Clear();
            _index.Clear();
        }
    }

    private void RemoveExpired(DateTime now)
    {
        while (_entries.First is { } first && first.Value.Added + Timeout <= now)
        {
            Remove(first);
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _entries.Remove(node);
        _index.Remove(node.Value.Key);
    }

    private sealed record Entry(string Key, CachedSession Session, DateTime Added);
}
