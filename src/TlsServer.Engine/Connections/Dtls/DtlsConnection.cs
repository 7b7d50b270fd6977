using System.Net;
using System.Net.Sockets;
using Org.BouncyCastle.Tls;
using TlsServer.Engine.Applications;
using TlsServer.Engine.Sessions;
using TlsServer.Engine.Tls;

namespace TlsServer.Engine.Connections.Dtls;

/// <summary>
/// One DTLS association driven through BouncyCastle's blocking DtlsServerProtocol on a thread of its own (the
/// number of associations is bounded). Its retransmission timers run inside BouncyCastle; sends hold one lock.
/// </summary>
internal sealed class DtlsConnection : IServerConnection
{
    /// <summary>How long one receive waits before the loop looks at stop requests and the idle timeout.</summary>
    private const int ReceiveSliceMillis = 250;

    private readonly ServerRuntime _server;
    private readonly DtlsSettings _settings;
    private readonly DtlsRequest? _request;
    private readonly ServerPeer _peer;
    private readonly object _writer = new();
    private readonly CancellationTokenSource _closing;
    private readonly IApplication _application;
    private DtlsTransport? _transport;
    private volatile bool _established;
    private string? _closeReason;

    public DtlsConnection(ServerRuntime server, Socket socket, IPEndPoint remote, DtlsRequest? request, DtlsSettings settings, long id)
    {
        _server = server;
        _settings = settings;
        _request = request;
        Record = new SessionRecord(server.Server, id, remote, socket.LocalEndPoint as IPEndPoint);
        Association = new DatagramAssociation(socket, remote, Record, server.Counters, settings);
        _peer = ServerPeers.Create(server.Tls, Record);
        _peer.HandshakeCompleted += OnHandshakeCompleted;
        _closing = CancellationTokenSource.CreateLinkedTokenSource(server.Stopping);
        _application = server.CreateApplication(this);
    }

    public SessionRecord Record { get; }

    public DatagramAssociation Association { get; }

    /// <summary>Raised once when the association has ended, so the dispatcher forgets its endpoint.</summary>
    public event Action? Ended;

    public void RequestClose(string reason)
    {
        _closeReason ??= reason;
        try
        {
            _closing.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // already finished
        }
    }

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

    public Task RunAsync() => Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run()
    {
        var outcome = ConnectionOutcome.Closed("connection closed");
        try
        {
            using (_closing.Token.Register(Association.Abort))
            {
                var transport = new DtlsServerProtocol().Accept(_peer, Association, _request);
                lock (_writer)
                {
                    _transport = transport;
                }
            }

            outcome = Serve(_transport);
        }
        catch (Exception) when (_closing.IsCancellationRequested && !_established)
        {
            outcome = ConnectionOutcome.Failed(_closeReason ?? "the server stopped during the handshake");
        }
        catch (TlsTimeoutException)
        {
            _server.Counters.CountHandshakeTimeout();
            outcome = ConnectionOutcome.Failed($"the handshake did not complete within {_server.HandshakeTimeout.TotalSeconds:0.###} s");
        }
        catch (AssociationClosedException) when (Record.Alert is { Code: 0, Direction: AlertDirection.Received })
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
                CloseGracefully(transport);
                return ConnectionOutcome.Closed(_closeReason ?? "the server stopped");
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
                _application.OnDataAsync(buffer.AsMemory(0, received).ToArray(), _closing.Token).AsTask().GetAwaiter().GetResult();
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

    private void OnHandshakeCompleted()
    {
        _established = true;
        _server.OnHandshakeCompleted(Record);
    }

    private void Finish(ConnectionOutcome outcome)
    {
        Association.Close();
        _closing.Dispose();
        Ended?.Invoke();
        _server.End(this, outcome, _established);
    }
}
