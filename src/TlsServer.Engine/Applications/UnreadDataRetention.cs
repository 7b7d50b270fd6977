namespace TlsServer.Engine.Applications;

/// <summary>
/// What ended interactive sessions left unread stays readable, within bounds: at most <see cref="ByteLimit"/> bytes
/// in all, and no more sessions than the server's history holds. Beyond that the oldest session's data is discarded,
/// and reading it reports how many bytes were lost.
/// </summary>
internal sealed class UnreadDataRetention
{
    /// <summary>Unread bytes of ended sessions a server keeps in all.</summary>
    public const long ByteLimit = 64L * 1024 * 1024;

    private readonly object _gate = new();
    private readonly Queue<ReceiveBuffer> _ended = new();
    private readonly int _sessionLimit;

    public UnreadDataRetention(int sessionLimit) => _sessionLimit = sessionLimit;

    public void Add(ReceiveBuffer buffer)
    {
        lock (_gate)
        {
            _ended.Enqueue(buffer);
            var kept = _ended.Where(b => b.Count > 0).ToList();
            long total = kept.Sum(b => (long)b.Count);
            int drop = 0;
            while (drop < kept.Count && (total > ByteLimit || kept.Count - drop > _sessionLimit))
            {
                total -= kept[drop].Count;
                kept[drop++].Discard();
            }

            _ended.Clear();
            foreach (var b in kept.Skip(drop))
            {
                _ended.Enqueue(b);
            }
        }
    }
}
