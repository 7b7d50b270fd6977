using System.Net.Sockets;
using System.Threading.Tasks.Sources;

namespace TlsServer.Engine.Transports;

/// <summary>
/// One connection's receive on a <see cref="ReadinessLoop"/>: a non-blocking read first; when nothing is there, the
/// loop waits for the socket and reads on its own thread, where the connection then continues. Socket errors are
/// values, as in <see cref="SocketReceiver"/>.
/// </summary>
internal sealed class LoopReceiver : ISocketReceiver, IValueTaskSource<int>
{
    private const int WouldBlock = -3;
    private static long _ids;

    private readonly ReadinessLoop _loop;
    private ManualResetValueTaskSourceCore<int> _core;
    private CancellationTokenRegistration _registration;
    private Socket? _socket;
    private Memory<byte> _buffer;
    private int _fd = -1;
    private bool _added;
    private int _completed;

    public LoopReceiver(ReadinessLoop loop)
    {
        _loop = loop;
        Id = (ulong)Interlocked.Increment(ref _ids);
    }

    /// <summary>How the loop knows this receiver in its epoll events.</summary>
    public ulong Id { get; }

    public SocketError SocketError { get; private set; }

    public ValueTask<int> ReceiveAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (_fd < 0)
        {
            socket.Blocking = false;
            _fd = (int)socket.Handle;
        }

        if (!buffer.IsEmpty)
        {
            int received = TryReceive(socket, buffer.Span);
            if (received != WouldBlock)
            {
                return new ValueTask<int>(received);
            }
        }

        _core.Reset();
        _completed = 0;
        _socket = socket;
        _buffer = buffer;
        _registration = cancellationToken.UnsafeRegister(static s => ((LoopReceiver)s!).Complete(SocketReceiver.Cancelled), this);
        Arm();
        return new ValueTask<int>(this, _core.Version);
    }

    /// <summary>On the loop's thread: the socket is readable (or closed, or in error).</summary>
    public void OnReady()
    {
        if (Volatile.Read(ref _completed) != 0)
        {
            return;
        }

        if (_buffer.IsEmpty)
        {
            Complete(0);
            return;
        }

        int received;
        try
        {
            received = TryReceive(_socket!, _buffer.Span);
        }
        catch (ObjectDisposedException)
        {
            SocketError = SocketError.OperationAborted;
            received = SocketReceiver.Failed;
        }

        if (received == WouldBlock)
        {
            Arm();
        }
        else
        {
            Complete(received);
        }
    }

    public void Dispose()
    {
    }

    private void Arm()
    {
        if (Volatile.Read(ref _completed) != 0)
        {
            return;
        }

        int errno = _loop.Arm(this, _fd, ref _added);
        if (errno != 0)
        {
            SocketError = SocketError.SocketError;
            Complete(SocketReceiver.Failed);
        }
        else if (Volatile.Read(ref _completed) != 0)
        {
            // Cancelled while being armed: the loop must not keep it.
            _loop.Forget(this);
        }
    }

    private int TryReceive(Socket socket, Span<byte> buffer)
    {
        int received = socket.Receive(buffer, SocketFlags.None, out var error);
        if (error == SocketError.Success)
        {
            return received;
        }

        if (error == SocketError.WouldBlock)
        {
            return WouldBlock;
        }

        SocketError = error;
        return SocketReceiver.Failed;
    }

    private void Complete(int result)
    {
        if (Interlocked.Exchange(ref _completed, 1) == 0)
        {
            if (result == SocketReceiver.Cancelled)
            {
                _loop.Forget(this);
            }

            _core.SetResult(result);
        }
    }

    int IValueTaskSource<int>.GetResult(short token)
    {
        _registration.Unregister();
        return _core.GetResult(token);
    }

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token,
        ValueTaskSourceOnCompletedFlags flags) => _core.OnCompleted(continuation, state, token, flags);
}
