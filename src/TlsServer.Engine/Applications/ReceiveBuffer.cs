namespace TlsServer.Engine.Applications;

/// <summary>
/// Data a client sent, kept for a reader, up to a capacity. When it is full the writer waits,
/// so the connection stops reading from the socket instead of dropping data.
/// </summary>
internal sealed class ReceiveBuffer
{
    /// <summary>How many unread bytes one session may hold before its connection stops reading.</summary>
    public const int DefaultCapacity = 1024 * 1024;

    private readonly object _gate = new();
    private readonly LinkedList<ReadOnlyMemory<byte>> _chunks = new();
    private readonly int _capacity;
    private int _count;
    private bool _completed;
    private long _discarded;
    private TaskCompletionSource _space = NewSignal();
    private TaskCompletionSource _readable = NewSignal();

    public ReceiveBuffer(int capacity = DefaultCapacity) => _capacity = capacity;

    public int Count
    {
        get { lock (_gate) { return _count; } }
    }

    /// <summary>Bytes thrown away unread because the session had ended and the server's retention limit was reached.</summary>
    public long Discarded
    {
        get { lock (_gate) { return _discarded; } }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task? wait = null;
            lock (_gate)
            {
                if (_count == 0 || _count + data.Length <= _capacity)
                {
                    _chunks.AddLast(data.ToArray());
                    _count += data.Length;
                    _readable.TrySetResult();
                }
                else
                {
                    wait = _space.Task;
                }
            }

            if (wait is null)
            {
                return;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>No more data will come: the connection has ended. Waiting readers wake up.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            _readable.TrySetResult();
        }
    }

    /// <summary>Takes up to <paramref name="maxBytes"/> of what is buffered, oldest first, freeing its space.</summary>
    public byte[] Take(int maxBytes = int.MaxValue)
    {
        lock (_gate)
        {
            var taken = new byte[Math.Min(maxBytes, _count)];
            int offset = 0;
            while (offset < taken.Length)
            {
                var chunk = _chunks.First!.Value;
                int n = Math.Min(chunk.Length, taken.Length - offset);
                chunk.Span[..n].CopyTo(taken.AsSpan(offset));
                offset += n;
                if (n == chunk.Length)
                {
                    _chunks.RemoveFirst();
                }
                else
                {
                    _chunks.First.Value = chunk[n..];
                }
            }

            _count -= taken.Length;
            OnTaken();
            return taken;
        }
    }

    /// <summary>
    /// Takes everything buffered as UTF-8 text. While the connection is open, a character whose bytes have not all
    /// arrived stays buffered for the next read; once it has ended, such bytes decode as U+FFFD.
    /// </summary>
    public string TakeText()
    {
        byte[] all;
        lock (_gate)
        {
            all = Take();
            int tail = _completed ? 0 : Utf8.IncompleteTailLength(all);
            if (tail > 0)
            {
                _chunks.AddFirst(all.AsMemory(all.Length - tail));
                _count += tail;
                all = all[..^tail];
            }
        }

        return System.Text.Encoding.UTF8.GetString(all);
    }

    /// <summary>Waits until data is buffered or the connection has ended; false when the time ran out first.</summary>
    public bool WaitForData(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task readable;
        lock (_gate)
        {
            readable = _readable.Task;
        }

        try
        {
            return readable.Wait(timeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Throws away what is buffered (only for ended sessions, to bound what the server retains).</summary>
    public void Discard()
    {
        lock (_gate)
        {
            _discarded += _count;
            _chunks.Clear();
            _count = 0;
            OnTaken();
        }
    }

    private void OnTaken()
    {
        _space.TrySetResult();
        _space = NewSignal();
        if (_count == 0 && !_completed && _readable.Task.IsCompleted)
        {
            _readable = NewSignal();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
