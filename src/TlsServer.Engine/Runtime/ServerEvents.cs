using System.Threading.Channels;

namespace TlsServer.Engine.Runtime;

/// <summary>
/// Delivers a server's events in order on one background task, so a slow subscriber never blocks a connection; an
/// event nobody subscribes to is not queued.
/// Also wakes anyone waiting in <see cref="Server.WaitForSessions"/>.
/// </summary>
internal sealed class ServerEvents
{
    private readonly Channel<SessionEventArgs> _queue;
    private readonly ServerCounters _counters;
    private readonly object _changed = new();
    private long _version;

    public ServerEvents(ServerCounters counters, int limit)
    {
        _counters = counters;
        _queue = Channel.CreateBounded<SessionEventArgs>(new BoundedChannelOptions(limit) { SingleReader = true });
        Delivery = Task.Run(DeliverAsync);
    }

    public event EventHandler<SessionEventArgs>? Raised;

    public Task Delivery { get; }

    /// <summary>Which kinds someone subscribes to; the others are not queued (no snapshot, no wake of the delivery task).</summary>
    public Func<ServerEventKind, bool> Wanted { get; set; } = static _ => true;

    public void Raise(ServerEventKind kind, SessionRecord record, TlsAlert? alert = null, byte[]? data = null)
    {
        if (Wanted(kind) && !_queue.Writer.TryWrite(new SessionEventArgs(kind, record.Snapshot(), alert, data)))
        {
            _counters.CountEventDropped();
        }

        Pulse();
    }

    public void Pulse()
    {
        lock (_changed)
        {
            _version++;
            Monitor.PulseAll(_changed);
        }
    }

    /// <summary>Waits until something changes after <paramref name="seen"/>, or the time is up. Returns the new version.</summary>
    public long WaitForChange(long seen, TimeSpan timeout)
    {
        lock (_changed)
        {
            if (_version == seen && timeout > TimeSpan.Zero)
            {
                Monitor.Wait(_changed, timeout);
            }

            return _version;
        }
    }

    public long Version
    {
        get { lock (_changed) { return _version; } }
    }

    public void Complete() => _queue.Writer.TryComplete();

    private async Task DeliverAsync()
    {
        await foreach (var e in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                Raised?.Invoke(this, e);
            }
            catch (Exception)
            {
                // A subscriber's failure is its own; delivery goes on.
            }
        }
    }
}
