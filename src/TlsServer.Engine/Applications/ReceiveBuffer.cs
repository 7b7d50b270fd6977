namespace TlsServer.Engine.Applications;

/// <summary>
/// Data a client sent, kept for a reader, up to a capacity. When it is full the writer waits,
/// so the connection stops reading from the socket instead of dropping data.
/// </summary>
internal sealed class ReceiveBuffer
{
    public const int DefaultCapacity = 1024 * 1024;

    private readonly object _gate = new();
    private readonly Queue<byte[]> _chunks = new();
    private readonly int _capacity;
    private int _count;
    private TaskCompletionSource _space = NewSignal();

    public ReceiveBuffer(int capacity = DefaultCapacity) => _capacity = capacity;

    public int Count
    {
        get { lock (_gate) { return _count; } }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_count == 0 || _count + data.Length <= _capacity)
                {
                    _chunks.Enqueue(data.ToArray());
                    _count += data.Length;
                    return;
                }

                wait = _space.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes everything buffered, freeing its space.</summary>
    public byte[] Take()
    {
        lock (_gate)
        {
            var all = new byte[_count];
            int offset = 0;
            while (_chunks.TryDequeue(out var chunk))
            {
                chunk.CopyTo(all, offset);
                offset += chunk.Length;
            }

            _count = 0;
            _space.TrySetResult();
            _space = NewSignal();
            return all;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
