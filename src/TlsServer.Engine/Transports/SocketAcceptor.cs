using System.Net.Sockets;

namespace TlsServer.Engine.Transports;

/// <summary>
/// Accepts from a listening socket: where there is a <see cref="ReadinessLoop"/>, the loop waits for a pending client
/// and the accept (then the new connection's first read) happens on the loop's thread; elsewhere .NET's AcceptAsync.
/// </summary>
internal sealed class SocketAcceptor
{
    private readonly Socket _listener;
    private readonly LoopReceiver? _pending;

    public SocketAcceptor(Socket listener)
    {
        _listener = listener;
        _pending = ReadinessLoop.Next() is { } loop ? new LoopReceiver(loop) : null;
    }

    /// <summary>Whether another client is already waiting to be accepted (a burst: the accept loop should not run connections itself).</summary>
    public bool MorePending => _listener.Poll(0, SelectMode.SelectRead);

    /// <summary>The next client; throws as <see cref="Socket.AcceptAsync(CancellationToken)"/> does.</summary>
    public async ValueTask<Socket> AcceptAsync(CancellationToken cancellationToken)
    {
        if (_pending is null)
        {
            return await _listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            // An empty receive on a listening socket: its readiness, which is a client waiting to be accepted.
            int ready = await _pending.ReceiveAsync(_listener, Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
            if (ready == SocketReceiver.Cancelled)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            if (ready == SocketReceiver.Failed)
            {
                throw new SocketException((int)_pending.SocketError);
            }

            try
            {
                return _listener.Accept();
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
            {
                // The client went away between the readiness and the accept.
            }
        }
    }
}
