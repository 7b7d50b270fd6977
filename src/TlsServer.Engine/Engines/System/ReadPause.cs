namespace TlsServer.Engine.Engines.Platform;

/// <summary>
/// Stops a receive loop between reads. SslStream refuses to renegotiate while a read is pending, so the loop waits
/// for data with a zero-byte read that a pause cancels (nothing is consumed), and holds until the pause ends.
/// </summary>
internal sealed class ReadPause
{
    private readonly object _gate = new();
    private CancellationTokenSource _signal = new();
    private TaskCompletionSource? _idle;
    private TaskCompletionSource? _resume;
    private bool _closed;

    /// <summary>Cancelled when a pause is asked for; the loop's zero-byte read listens to it.</summary>
    public CancellationToken Token
    {
        get { lock (_gate) { return _signal.Token; } }
    }

    /// <summary>The loop, between reads: if a pause is asked for, reports idle and waits for its end. True if it waited.</summary>
    public async Task<bool> HoldIfRequestedAsync()
    {
        Task resume;
        lock (_gate)
        {
            if (_idle is null)
            {
                return false;
            }

            _idle.TrySetResult();
            resume = _resume!.Task;
        }

        await resume.ConfigureAwait(false);
        return true;
    }

    /// <summary>A command: asks for a pause and waits until the loop holds. End it with <see cref="End"/>.</summary>
    /// <exception cref="ObjectDisposedException">The loop has ended.</exception>
    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource idle;
        CancellationTokenSource signal;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            if (_idle is not null)
            {
                throw new InvalidOperationException("Another command is already waiting for this connection.");
            }

            idle = _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            signal = _signal;
        }

        signal.Cancel();
        try
        {
            await idle.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            End();
            throw;
        }
    }

    public void End()
    {
        TaskCompletionSource? resume;
        lock (_gate)
        {
            if (_signal.IsCancellationRequested)
            {
                _signal.Dispose();
                _signal = new CancellationTokenSource();
            }

            _idle = null;
            resume = _resume;
            _resume = null;
        }

        resume?.TrySetResult();
    }

    /// <summary>The loop has ended: a waiting command fails rather than wait for it.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            _idle?.TrySetException(new ObjectDisposedException(nameof(ReadPause)));
        }
    }
}
