using System.Net.Sockets;
using System.Net;
using System.Security.Authentication;
using TlsServer.Engine.Engines;
using TlsServer.Engine.Transports;

namespace TlsServer.Engine.Runtime;

/// <summary>
/// A connection over an accepted TCP or Unix socket: one writer lock for every write, raw bytes under the TLS layer
/// (s_server's P), a reset for an abort, and a graceful close bounded by <see cref="CloseGrace"/>.
/// </summary>
internal abstract class StreamConnection : ConnectionBase
{
    /// <summary>How long a graceful close may wait to write close_notify.</summary>
    protected static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);

    protected StreamConnection(Socket socket, IConnectionHost host)
        : base(host, socket.RemoteEndPoint as IPEndPoint, socket.LocalEndPoint as IPEndPoint)
    {
        Socket = socket;
    }

    protected Socket Socket { get; }

    /// <summary>Held by every write (records, close_notify, plaintext), so writes leave in order.</summary>
    protected SemaphoreSlim Writer { get; } = new(1, 1);

    protected override string AbortAction => "TCP reset, no close_notify";

    /// <summary>s_server's P: bytes straight onto the socket, under the TLS layer.</summary>
    public override async Task SendPlaintextAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await Writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await PlaintextSender.SendAsync(Socket, data, Record, Host.Counters, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Writer.Release();
        }
    }

    protected override void ResetTransport() => ConnectionReset.Arm(Socket);

    /// <summary>Writes close_notify (unless aborting), then shuts the socket down for sending; gives up after the grace.</summary>
    protected async Task CloseGracefullyAsync()
    {
        if (Aborting)
        {
            return;
        }

        using var grace = new CancellationTokenSource(CloseGrace);
        try
        {
            await Writer.WaitAsync(grace.Token).ConfigureAwait(false);
            try
            {
                await SendCloseNotifyAsync(grace.Token).ConfigureAwait(false);
                Socket.Shutdown(SocketShutdown.Send);
            }
            finally
            {
                Writer.Release();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException
                                      or InvalidOperationException or AuthenticationException)
        {
            // The peer is gone or not reading; the socket is closed below either way.
        }
    }

    /// <summary>The engine's close_notify, written under the writer lock.</summary>
    protected abstract Task SendCloseNotifyAsync(CancellationToken cancellationToken);
}
