namespace TlsServer.Engine.Diagnostics;

/// <summary>The protocol messages of one session, in order, bounded by -MessageLimit (ServerLimits.MessageLimit).</summary>
internal sealed class MessageLog
{
    private readonly object _gate = new();
    private readonly List<TlsMessage> _messages = new();
    private readonly int _limit;
    private int _count;

    public MessageLog(int limit) => _limit = limit;

    /// <summary>How many messages crossed, kept or not.</summary>
    public int Count
    {
        get { lock (_gate) { return _count; } }
    }

    /// <summary>Adds a message made from its index; returns it, or null when the log is full (it is still counted).</summary>
    public TlsMessage? Add(Func<int, TlsMessage> create)
    {
        lock (_gate)
        {
            int index = _count++;
            if (_messages.Count >= _limit)
            {
                return null;
            }

            var message = create(index);
            _messages.Add(message);
            return message;
        }
    }

    public IReadOnlyList<TlsMessage> Snapshot()
    {
        lock (_gate) { return _messages.ToArray(); }
    }
}
