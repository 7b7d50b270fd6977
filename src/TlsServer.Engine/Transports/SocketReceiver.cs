using System.Net.Sockets;
using System.Threading.Tasks.Sources;

namespace TlsServer.Engine.Transports;

/// <summary>
/// One connection's reusable receive, which reports a socket error as a value instead of an exception:
/// clients that reset the connection (s_time, scanners, load tools) are common, and a thrown SocketException
/// with its captured stack trace cost about a tenth of a handshake's CPU.
/// </summary>
internal sealed class SocketReceiver : SocketAsyncEventArgs, ISocketReceiver, IValueTaskSource<int>
{
    public const int Failed = -1;
    public const int Cancelled = -2;

    private ManualResetValueTaskSourceCore<int> _core;
    private CancellationTokenRegistration _registration;
    private int _completed;

    public SocketReceiver()
        : base(unsafeSuppressExecutionContextFlow: true)
    {
    }

    /// <summary>
    /// The bytes received, 0 at end of stream, <see cref="Failed"/> on a socket error (<see cref="SocketAsyncEventArgs.SocketError"/>
    /// says which), or <see cref="Cancelled"/>. A cancelled receive stays pending until the socket is closed, so the
    /// connection must not receive again.
    /// </summary>
    public ValueTask<int> ReceiveAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        _core.Reset();
        _completed = 0;
        SetBuffer(buffer);
        if (!socket.ReceiveAsync(this))
        {
            return new ValueTask<int>(Result());
        }

        _registration = cancellationToken.UnsafeRegister(static s => ((SocketReceiver)s!).Complete(Cancelled), this);
        return new ValueTask<int>(this, _core.Version);
    }

    protected override void OnCompleted(SocketAsyncEventArgs e) => Complete(Result());

    private int Result() => SocketError == SocketError.Success ? BytesTransferred : Failed;

    private void Complete(int result)
    {
        if (Interlocked.Exchange(ref _completed, 1) == 0)
        {
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
