using System.Buffers;
using System.Net.Sockets;
using Org.BouncyCastle.Tls;
using TlsServer.Engine.Applications;
using TlsServer.Engine.Diagnostics;
using TlsServer.Engine.Engines.BouncyCastle.Faults;
using TlsServer.Engine.Engines.BouncyCastle.Resumption;
using TlsServer.Engine.Runtime;
using TlsServer.Engine.Transports;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>
/// One accepted socket driven through BouncyCastle's non-blocking TlsServerProtocol. The receive loop offers
/// what arrives; every operation on the protocol, and every send, happens under one writer lock, so records
/// leave in the order BouncyCastle produced them.
/// </summary>
internal sealed partial class Connection : StreamConnection
{
    private readonly BouncyCastleEngine _engine;
    private readonly ServerProtocol _protocol;
    private readonly ServerPeer _peer;
    private readonly IOutputSender _sender;

    /// <param name="faults">The server's faults, or null for a well-behaved server.</param>
    public Connection(Socket socket, BouncyCastleEngine engine, Engines.IConnectionHost host, ServerFaults? faults = null)
        : base(socket, host)
    {
        _engine = engine;
        var connectionFaults = faults?.ForConnection(Record);
        _protocol = ConnectionFaults.CreateProtocol(connectionFaults, Record.Activity, host.Counters, Diagnostics, engine.Tls);
        var socketSender = new SocketOutputSender(socket, engine.SocketIo, Diagnostics);
        _sender = connectionFaults?.CreateSender(socketSender, socket, Drop) ?? socketSender;
        _peer = new ServerPeer(engine.Tls, Record, _protocol.Crypto)
        {
            Resumption = new SessionResumption(engine.SessionStore, engine.Tls, Record.Activity),
            MaxHandshakeMessageSize = _protocol.Framing.MaxAnyMessageSize,
            PendingAlerts = _protocol.PendingAlerts,
        };
        _peer.HandshakeCompleted += OnEstablished;
        _peer.Diagnostics = Diagnostics;
        _peer.AlertObserved += OnAlert;
        Diagnostics.ReadSecretsFrom(new KeyLogSecrets(() => _peer.Context));
    }

    public override async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await Writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _protocol.WriteApplicationData(data.Span);
            await SendPendingAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Writer.Release();
        }
    }

    public override async Task RunAsync()
    {
        var handshakeDeadline = DateTime.UtcNow + _engine.HandshakeTimeout;
        using var deadline = new CancellationTokenSource();
        using var onClose = Closing.Token.Register(deadline.Cancel);
        using var receiver = ISocketReceiver.Create();
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
                if (Established && await receiver.ReceiveAsync(Socket, Memory<byte>.Empty, deadline.Token).ConfigureAwait(false) == SocketReceiver.Failed)
                {
                    outcome = SocketFailure(receiver);
                    break;
                }

                deadline.Token.ThrowIfCancellationRequested();
                buffer ??= ArrayPool<byte>.Shared.Rent(_engine.SocketIo.ReadBufferSize);
                int received = await receiver.ReceiveAsync(Socket, buffer.AsMemory(0, _engine.SocketIo.ReadLength(Socket)), deadline.Token).ConfigureAwait(false);
                receivePending = received == SocketReceiver.Cancelled;
                deadline.Token.ThrowIfCancellationRequested();
                if (received == SocketReceiver.Failed)
                {
                    outcome = SocketFailure(receiver);
                    break;
                }

                if (received == 0)
                {
                    if (!Established)
                    {
                        await FailOnEndOfStreamAsync().ConfigureAwait(false);
                    }

                    outcome = Established
                        ? ConnectionOutcome.Closed(Closing.Reason ?? "the client closed the connection without close_notify")
                        : ConnectionOutcome.Failed("the client closed the connection during the handshake");
                    break;
                }

                Record.AddReceived(received);
                Diagnostics.Wire(MessageDirection.Received, buffer.AsSpan(0, received));
                Host.Counters.AddReceived(received);
                var data = await OfferAsync(buffer, received).ConfigureAwait(false);
                if (data.Length > 0)
                {
                    try
                    {
                        await DeliverAsync(data).ConfigureAwait(false);
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
                else if (Established)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = null;
                }
            }
        }
        catch (OperationCanceledException) when (Closing.IsCancellationRequested)
        {
            await CloseGracefullyAsync().ConfigureAwait(false);
            outcome = Established
                ? ConnectionOutcome.Closed(Closing.Reason ?? "the server stopped")
                : ConnectionOutcome.Failed(Closing.Reason ?? "the server stopped during the handshake");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            if (Established)
            {
                await CloseGracefullyAsync().ConfigureAwait(false);
            }

            outcome = Established ? IdleTimedOut(_engine.IdleTimeout!.Value) : HandshakeTimedOut(_engine.HandshakeTimeout);
        }
        catch (Exception e)
        {
            outcome = ConnectionFailures.Outcome(e, Host.Counters, Record.Alert);
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

    public override string Describe(Exception failure) => ConnectionErrors.Describe(failure);

    private static ConnectionOutcome SocketFailure(ISocketReceiver receiver) =>
        ConnectionOutcome.Failed(ConnectionErrors.Describe(new SocketException((int)receiver.SocketError)));

    /// <summary>Before the handshake completes, what is left of the handshake timeout; after it, the idle timeout.</summary>
    private void ArmDeadline(CancellationTokenSource deadline, DateTime handshakeDeadline)
    {
        deadline.TryReset();
        if (!Established)
        {
            deadline.CancelAfter(Max(handshakeDeadline - DateTime.UtcNow, TimeSpan.FromMilliseconds(1)));
        }
        else if (_engine.IdleTimeout is { } idle)
        {
            deadline.CancelAfter(idle);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private async Task<byte[]> OfferAsync(byte[] buffer, int count)
    {
        await Writer.WaitAsync().ConfigureAwait(false);
        try
        {
            try
            {
                _protocol.OfferInput(buffer, 0, count);
            }
            finally
            {
                // A fatal alert raised while reading is already queued: it must reach the client.
                await SendPendingAsync(Host.Stopping).ConfigureAwait(false);
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
            Writer.Release();
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
            Host.Counters.AddSent(sent);
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
        await Writer.WaitAsync().ConfigureAwait(false);
        try
        {
            _protocol.FailOnEndOfStream();
            await SendPendingAsync(Host.Stopping).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client is gone for good; the alert is not recorded as sent.
        }
        finally
        {
            Writer.Release();
        }
    }

    protected override async Task SendCloseNotifyAsync(CancellationToken cancellationToken)
    {
        if (!_protocol.IsClosed && Established)
        {
            _protocol.Close();
        }

        await SendPendingAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override void OnAbort() => _peer.Resumption.Invalidate();

    protected override void DisposeTransport() => Socket.Dispose();
}
