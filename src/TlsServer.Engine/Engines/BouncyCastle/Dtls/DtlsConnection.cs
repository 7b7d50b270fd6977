using System.Net;
using System.Net.Sockets;
using Org.BouncyCastle.Tls;
using TlsServer.Engine.Applications;
using TlsServer.Engine.Diagnostics;
using TlsServer.Engine.Sessions;
using TlsServer.Engine.Tls;

namespace TlsServer.Engine.Connections.Dtls;

/// <summary>
/// One DTLS association driven through BouncyCastle's blocking DtlsServerProtocol on a thread of its own (the
/// number of associations is bounded). Its retransmission timers run inside BouncyCastle; sends hold one lock.
/// The peer, session recording, resumption and diagnostics are the same as a TLS <see cref="Connection"/>'s.
/// </summary>
internal sealed class DtlsConnection : Engines.ITlsConnection
{
    /// <summary>How long one receive waits before the loop looks at stop requests and the idle timeout.</summary>
    private const int ReceiveSliceMillis = 250;

    private readonly ServerRuntime _server;
    private readonly DtlsSettings _settings;
    private readonly DtlsRequest? _request;
    private readonly byte[]? _verifiedHello;
    private readonly ServerPeer _peer;
    private readonly ConnectionDiagnostics _diagnostics;
    private readonly object _writer = new();
    private readonly CloseSignal _closing;
    private readonly IApplication _application;
    private DtlsTransport? _transport;
    private volatile bool _established;
    private volatile bool _aborting;

    public DtlsConnection(ServerRuntime server, Socket socket, IPEndPoint remote, DtlsRequest? request, byte[]? verifiedHello, DtlsSettings settings, long id)
    {
        _server = server;
        _settings = settings;
        _request = request;
        _verifiedHello = verifiedHello;
        Record = new SessionRecord(server.Server, id, remote, socket.LocalEndPoint as IPEndPoint);
        _peer = new ServerPeer(server.Tls, Record) { Resumption = new Resumption(server.SessionStore, server.Tls, Record.Activity) };
        _peer.HandshakeCompleted += OnHandshakeCompleted;
        _diagnostics = new ConnectionDiagnostics(server.Diagnostics, Record, () => _peer.Context);
        _peer.Diagnostics = _diagnostics;
        _peer.AlertObserved += OnAlert;
        Association = new DatagramAssociation(socket, remote, Record, server.Counters, settings, _diagnostics);
        _closing = new CloseSignal(server.Stopping);
        _application = server.CreateApplication(this);
    }

    public SessionRecord Record { get; }

    public DatagramAssociation Association { get; }

    /// <summary>Raised once when the association has ended, so the dispatcher forgets its endpoint.</summary>
    public event Action? Ended;

    public void RequestClose(string reason) => _closing.Request(reason);

    public ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        lock (_writer)
        {
            var transport = _transport ?? throw new InvalidOperationException("The DTLS handshake has not completed.");
            int limit = transport.GetSendLimit();
            for (int offset = 0; offset < data.Length; offset += limit)
            {
                transport.Send(data.Span.Slice(offset, Math.Min(limit, data.Length - offset)));
            }
        }

        return ValueTask.CompletedTask;
    }

    public void Close(string reason)
    {
        Record.Activity.AddAction(SessionActionKind.Close, "close_notify, then close");
        RequestClose(reason);
    }

    /// <summary>UDP has no connection to reset: the association is dropped without close_notify.</summary>
    public void Abort(string reason)
    {
        _aborting = true;
        _peer.Resumption.Invalidate();
        Record.Activity.AddAction(SessionActionKind.Abort, "association dropped, no close_notify");
        Association.Abort();
        RequestClose(reason);
    }

    public Task UpdateKeysAsync(bool requestPeerUpdate, CancellationToken cancellationToken) =>
        throw NotOverDtls("KeyUpdate is a TLS 1.3 message, and BouncyCastle serves DTLS 1.2 at most");

    public Task SendHelloRequestAsync(CancellationToken cancellationToken) =>
        throw NotOverDtls("BouncyCastle's DtlsTransport cannot send a HelloRequest");

    public Task RequestClientCertificateAsync(CancellationToken cancellationToken) =>
        throw NotOverDtls("BouncyCastle's DTLS server cannot renegotiate");

    public Task SendAlertAsync(TlsAlertLevel level, short description, CancellationToken cancellationToken) =>
        throw NotOverDtls("BouncyCastle's DtlsTransport sends only close_notify (Stop-TlsSession) and its own fatal alerts");

    /// <summary>s_server's P: one datagram of raw bytes to the client, under the DTLS layer.</summary>
    public Task SendPlaintextAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        lock (_writer)
        {
            Association.Send(data.Span);
        }

        Record.Activity.AddPlaintextSent(data.Length);
        Record.Activity.AddAction(SessionActionKind.Plaintext, $"{data.Length} bytes under the DTLS layer");
        return Task.CompletedTask;
    }

    public Task RunAsync() => Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run()
    {
        var outcome = ConnectionOutcome.Closed("connection closed");
        try
        {
            using (_closing.Token.Register(Association.Abort))
            {
                var transport = new DtlsServerProtocolObserved(_diagnostics, _verifiedHello).Accept(_peer, Association, _request);
                lock (_writer)
                {
                    _transport = transport;
                }
            }

            outcome = Serve(_transport);
        }
        catch (Exception) when (_closing.IsCancellationRequested && !_established)
        {
            outcome = ConnectionOutcome.Failed(_closing.Reason ?? "the server stopped during the handshake");
        }
        catch (Exception) when (_aborting)
        {
            outcome = ConnectionOutcome.Closed(_closing.Reason ?? "the server dropped the association");
        }
        catch (TlsTimeoutException)
        {
            _server.Counters.CountHandshakeTimeout();
            outcome = ConnectionOutcome.Failed($"the handshake did not complete within {_server.HandshakeTimeout.TotalSeconds:0.###} s");
        }
        catch (AssociationClosedException) when (Record.Alert is { Code: 0, IsSent: false })
        {
            outcome = ConnectionOutcome.Closed("the client sent close_notify");
        }
        catch (Exception e)
        {
            outcome = ConnectionFailures.Outcome(e, _server.Counters);
        }
        finally
        {
            Finish(outcome);
        }
    }

    /// <summary>After the handshake: application data to the mode's application until a close, a stop or the idle timeout.</summary>
    private ConnectionOutcome Serve(DtlsTransport transport)
    {
        var buffer = new byte[transport.GetReceiveLimit()];
        var lastData = DateTime.UtcNow;
        while (true)
        {
            if (_closing.IsCancellationRequested)
            {
                if (_aborting)
                {
                    return ConnectionOutcome.Closed(_closing.Reason ?? "the server dropped the association");
                }

                CloseGracefully(transport);
                return ConnectionOutcome.Closed(_closing.Reason ?? "the server stopped");
            }

            int received = transport.Receive(buffer, 0, buffer.Length, ReceiveSliceMillis);
            if (received < 0)
            {
                if (DateTime.UtcNow - lastData >= _settings.IdleTimeout)
                {
                    _server.Counters.CountIdleTimeout();
                    CloseGracefully(transport);
                    return ConnectionOutcome.Closed($"no data for {_settings.IdleTimeout.TotalSeconds:0.###} s (idle timeout)");
                }

                continue;
            }

            lastData = DateTime.UtcNow;
            if (received > 0)
            {
                var data = buffer.AsMemory(0, received).ToArray();
                if (_server.Server.HasDataReceivedSubscribers)
                {
                    _server.Events.Raise(ServerEventKind.DataReceived, Record, data: data);
                }

                _application.OnDataAsync(data, _closing.Token).AsTask().GetAwaiter().GetResult();
            }
        }
    }

    private void CloseGracefully(DtlsTransport transport)
    {
        lock (_writer)
        {
            try
            {
                transport.Close(); // close_notify
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                // the socket is gone with the server
            }
        }
    }

    private void OnAlert(TlsAlert alert)
    {
        if (!alert.IsSent)
        {
            _diagnostics.AlertReceived(alert.Fatal ? AlertLevel.fatal : AlertLevel.warning, (short)alert.Code);
        }

        _server.Events.Raise(alert.IsSent ? ServerEventKind.AlertSent : ServerEventKind.AlertReceived, Record, alert);
    }

    private void OnHandshakeCompleted()
    {
        _established = true;
        _server.OnHandshakeCompleted(Record, _diagnostics);
    }

    private void Finish(ConnectionOutcome outcome)
    {
        Association.Close();
        _closing.Dispose();
        Ended?.Invoke();
        _server.End(this, outcome, _established);
    }

    private TlsServerException NotOverDtls(string why) =>
        new("NotSupportedOverDtls", ErrorKind.NotImplemented,
            $"Session {Record.Id} is a DTLS association: {why}. Test this command against a TLS server (without -Dtls).", Record.Id);
}
