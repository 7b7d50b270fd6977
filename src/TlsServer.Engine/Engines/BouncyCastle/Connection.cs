using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Org.BouncyCastle.Tls;
using TlsServer.Engine.Applications;
using TlsServer.Engine.Diagnostics;
using TlsServer.Engine.Engines.BouncyCastle.Faults;
using TlsServer.Engine.Sessions;
using TlsServer.Engine.Tls;

namespace TlsServer.Engine.Connections;

/// <summary>
/// One accepted socket driven through BouncyCastle's non-blocking TlsServerProtocol. The receive loop offers
/// what arrives; every operation on the protocol, and every send, happens under one writer lock, so records
/// leave in the order BouncyCastle produced them.
/// </summary>
internal sealed partial class Connection : Engines.ITlsConnection
{
    private readonly Socket _socket;
    private readonly ServerRuntime _server;
    private readonly ServerProtocol _protocol;
    private readonly ConnectionDiagnostics _diagnostics;
    private readonly ServerPeer _peer;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly CloseSignal _closing;
    private readonly IApplication _application;
    private readonly IOutputSender _sender;
    private volatile bool _established;

    /// <param name="faults">The server's faults, or null for a well-behaved server.</param>
    public Connection(Socket socket, ServerRuntime server, long id, ServerFaults? faults = null)
    {
        _socket = socket;
        _server = server;
        Record = new SessionRecord(server.Server, id, socket.RemoteEndPoint as IPEndPoint, socket.LocalEndPoint as IPEndPoint);
        _diagnostics = new ConnectionDiagnostics(server.Diagnostics, Record, () => _peer?.Context);
        var connectionFaults = faults?.ForConnection(Record);
        _protocol = ConnectionFaults.CreateProtocol(connectionFaults, Record.Activity, server.Counters, _diagnostics, server.Tls);
        var socketSender = new SocketOutputSender(socket, server.SocketIo, _diagnostics);
        _sender = connectionFaults?.CreateSender(socketSender, socket, AbortForFault) ?? socketSender;
        _peer = new ServerPeer(server.Tls, Record, _protocol.Crypto)
        {
            Resumption = new Resumption(server.SessionStore, server.Tls, Record.Activity),
            MaxHandshakeMessageSize = _protocol.Framing.MaxAnyMessageSize,
            PendingAlerts = _protocol.PendingAlerts,
        };
        _peer.HandshakeCompleted += OnHandshakeCompleted;
        _peer.Diagnostics = _diagnostics;
        _peer.AlertObserved += alert => _server.Events.Raise(
            alert.IsSent ? ServerEventKind.AlertSent : ServerEventKind.AlertReceived, Record, alert);
        _closing = new CloseSignal(server.Stopping);
        _application = server.CreateApplication(this);
    }

    public SessionRecord Record { get; }

    public void RequestClose(string reason) => _closing.Request(reason);

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _protocol.WriteApplicationData(data.Span);
            await SendPendingAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    public async Task RunAsync()
    {
        var handshakeDeadline = DateTime.UtcNow + _server.HandshakeTimeout;
        using var deadline = new CancellationTokenSource();
        using var onClose = _closing.Token.Register(deadline.Cancel);
        using var receiver = new SocketReceiver();
        var outcome = ConnectionOutcome.Closed("connection closed");
        byte[]? buffer = null;
        bool receivePending = false;
        try
        {
            _protocol.Accept(_peer);
            while (!_protocol.IsClosed)
            {
                ArmDeadline(deadline, handshakeDeadline);
                // Once established, a connection waits with a zero-byte receive: idle, it holds no receive buffer.
                if (_established && await receiver.ReceiveAsync(_socket, Memory<byte>.Empty, deadline.Token).ConfigureAwait(false) == SocketReceiver.Failed)
                {
                    outcome = SocketFailure(receiver);
                    break;
                }

                deadline.Token.ThrowIfCancellationRequested();
                buffer ??= ArrayPool<byte>.Shared.Rent(_server.SocketIo.ReadBufferSize);
                int received = await receiver.ReceiveAsync(_socket, buffer.AsMemory(0, _server.SocketIo.ReadLength(_socket)), deadline.Token).ConfigureAwait(false);
                receivePending = received == SocketReceiver.Cancelled;
                deadline.Token.ThrowIfCancellationRequested();
                if (received == SocketReceiver.Failed)
                {
                    outcome = SocketFailure(receiver);
                    break;
                }

                if (received == 0)
                {
                    if (!_established)
                    {
                        await FailOnEndOfStreamAsync().ConfigureAwait(false);
                    }

                    outcome = _established
                        ? ConnectionOutcome.Closed(_closing.Reason ?? "the client closed the connection without close_notify")
                        : ConnectionOutcome.Failed("the client closed the connection during the handshake");
                    break;
                }

                Record.AddReceived(received);
                _diagnostics.Wire(MessageDirection.Received, buffer.AsSpan(0, received));
                _server.Counters.AddReceived(received);
                var data = await OfferAsync(buffer, received).ConfigureAwait(false);
                if (data.Length > 0)
                {
                    if (_server.Server.HasDataReceivedSubscribers)
                    {
                        _server.Events.Raise(ServerEventKind.DataReceived, Record, data: data);
                    }

                    try
                    {
                        await _application.OnDataAsync(data, _closing.Token).ConfigureAwait(false);
                    }
                    catch (IOException) when (_protocol.IsClosed)
                    {
                        // The client's close_notify came with this data; an answer can no longer be sent.
                    }
                }

                if (_protocol.IsClosed)
                {
                    outcome = ConnectionOutcome.Closed("the client sent close_notify");
                }
                else if (_established)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = null;
                }
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            await CloseGracefullyAsync().ConfigureAwait(false);
            outcome = _established
                ? ConnectionOutcome.Closed(_closing.Reason ?? "the server stopped")
                : ConnectionOutcome.Failed(_closing.Reason ?? "the server stopped during the handshake");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            if (_established)
            {
                await CloseGracefullyAsync().ConfigureAwait(false);
            }

            outcome = TimedOut();
        }
        catch (Exception e)
        {
            outcome = ConnectionFailures.Outcome(e, _server.Counters, Record.Alert);
        }
        finally
        {
            Finish(outcome);
            // A cancelled receive may still write into its buffer: that one is left to the collector.
            if (buffer is not null && !receivePending)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static ConnectionOutcome SocketFailure(SocketReceiver receiver) =>
        ConnectionOutcome.Failed(ConnectionErrors.Describe(new SocketException((int)receiver.SocketError)));

    /// <summary>Before the handshake completes, what is left of the handshake timeout; after it, the idle timeout.</summary>
    private void ArmDeadline(CancellationTokenSource deadline, DateTime handshakeDeadline)
    {
        deadline.TryReset();
        if (!_established)
        {
            deadline.CancelAfter(Max(handshakeDeadline - DateTime.UtcNow, TimeSpan.FromMilliseconds(1)));
        }
        else if (_server.IdleTimeout is { } idle)
        {
            deadline.CancelAfter(idle);
        }
    }

    private ConnectionOutcome TimedOut()
    {
        if (_established)
        {
            _server.Counters.CountIdleTimeout();
            return ConnectionOutcome.Closed($"no data for {_server.IdleTimeout!.Value.TotalSeconds:0.###} s (idle timeout)");
        }

        _server.Counters.CountHandshakeTimeout();
        return ConnectionOutcome.Failed($"the handshake did not complete within {_server.HandshakeTimeout.TotalSeconds:0.###} s");
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private async Task<byte[]> OfferAsync(byte[] buffer, int count)
    {
        await _writer.WaitAsync().ConfigureAwait(false);
        try
        {
            try
            {
                _protocol.OfferInput(buffer, 0, count);
            }
            finally
            {
                // A fatal alert raised while reading is already queued: it must reach the client.
                await SendPendingAsync(_server.Stopping).ConfigureAwait(false);
            }

            int available = _protocol.GetAvailableInputBytes();
            if (available == 0)
            {
                return Array.Empty<byte>();
            }

            var data = new byte[available];
            _protocol.ReadInput(data, 0, available);
            return data;
        }
        finally
        {
            _writer.Release();
        }
    }

    private async Task SendPendingAsync(CancellationToken cancellationToken)
    {
        int available;
        bool withheld = false;
        while ((available = _protocol.GetAvailableOutputBytes()) > 0)
        {
            // Everything queued (a whole handshake flight) leaves in one send unless -NonBlockingTest or a fault cuts it,
            // from a pooled buffer; a send that failed or was cancelled keeps its buffer out of the pool.
            byte[] output = ArrayPool<byte>.Shared.Rent(available);
            int count = _protocol.ReadOutput(output, 0, available);
            int sent = await _sender.SendAsync(output.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
            withheld |= sent < count;
            ArrayPool<byte>.Shared.Return(output);
            Record.AddSent(sent);
            _server.Counters.AddSent(sent);
        }

        await _sender.FlushAsync(cancellationToken).ConfigureAwait(false);

        while (_protocol.PendingAlerts.TryTakeSent(out var alert))
        {
            // A fault held back part of the output (the alert comes last): it never reached the client.
            if (!withheld)
            {
                _peer.PublishSent(alert);
            }
        }
    }

    /// <summary>OpenSSL 3 answers an end of stream during the handshake with decode_error; so does this server, if it still can.</summary>
    private async Task FailOnEndOfStreamAsync()
    {
        await _writer.WaitAsync().ConfigureAwait(false);
        try
        {
            _protocol.FailOnEndOfStream();
            await SendPendingAsync(_server.Stopping).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client is gone for good; the alert is not recorded as sent.
        }
        finally
        {
            _writer.Release();
        }
    }

    private async Task CloseGracefullyAsync()
    {
        if (_aborting)
        {
            return;
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _writer.WaitAsync(grace.Token).ConfigureAwait(false);
            try
            {
                if (!_protocol.IsClosed && _established)
                {
                    _protocol.Close();
                }

                await SendPendingAsync(grace.Token).ConfigureAwait(false);
                _socket.Shutdown(SocketShutdown.Send);
            }
            finally
            {
                _writer.Release();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // The peer is gone or not reading; the socket is closed below either way.
        }
    }

    private void OnHandshakeCompleted()
    {
        _established = true;
        _server.OnHandshakeCompleted(Record, _diagnostics);
    }

    private void Finish(ConnectionOutcome outcome)
    {
        _socket.Dispose();
        _closing.Dispose();
        _server.End(this, outcome, _established);
    }
}
