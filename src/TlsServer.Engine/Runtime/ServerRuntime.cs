using System.Collections.Concurrent;
using System.Net.Sockets;
using TlsServer.Engine.Applications;
using TlsServer.Engine.Connections;
using TlsServer.Engine.Connections.Dtls;
using TlsServer.Engine.Engines;
using TlsServer.Engine.Sessions;
using TlsServer.Engine.Tls;

namespace TlsServer.Engine;

/// <summary>The machinery of a running server: the accept loop, its connections, counters and events.</summary>
internal sealed class ServerRuntime
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, (ITlsConnection Connection, Task Task)> _connections = new();
    private readonly ServerMode _mode;
    private readonly int? _maxConnections;
    private readonly int _connectionLimit;
    private readonly int _receiveBufferLimit;
    private readonly DocumentRoot? _documentRoot;
    private readonly UnreadDataRetention _unread;
    private readonly IReadOnlySet<string> _cipherSuiteNames;
    private readonly DtlsSettings? _dtls;
    private readonly string? _unixSocket;

    public ServerRuntime(Server server, Socket listener, TlsConfiguration tls, ServerOptions options)
    {
        Server = server;
        _listener = listener;
        Tls = tls;
        _mode = options.Mode;
        _maxConnections = options.MaxConnections;
        HandshakeTimeout = options.HandshakeTimeout;
        IdleTimeout = options.IdleTimeout;
        _connectionLimit = options.ConnectionLimit;
        _receiveBufferLimit = options.ReceiveBufferLimit;
        Sessions = new SessionTable(options.SessionHistoryLimit);
        Events = new ServerEvents(Counters, Server.EventQueueLimit);
        SessionStore = new SessionStore(new ResumptionSettings(options), Counters);
        Crlf = options.Crlf;
        SocketIo = new SocketIo(options.ReadBufferSize, options.NonBlockingTest);
        _documentRoot = options.DocumentRoot is { } root ? new DocumentRoot(root) : null;
        _unread = new UnreadDataRetention(options.SessionHistoryLimit);
        _cipherSuiteNames = CipherSuiteNames.IanaNames(tls.CipherSuites).ToHashSet();
        _dtls = listener.SocketType == SocketType.Dgram ? DtlsSettings.From(options) : null;
        _unixSocket = options.UnixSocket;
    }

    public Server Server { get; }
    public TlsConfiguration Tls { get; }
    public TimeSpan HandshakeTimeout { get; }
    public SocketIo SocketIo { get; }
    public TimeSpan? IdleTimeout { get; }
    public ServerCounters Counters { get; } = new();
    public SessionTable Sessions { get; }
    public ServerEvents Events { get; }
    public SessionStore SessionStore { get; }
    public Diagnostics.ServerDiagnostics Diagnostics { get; init; } = null!;

    /// <summary>The TLS stack that runs each connection (Start-TlsServer -Engine).</summary>
    public IServerEngine Engine { get; init; } = null!;
    public CancellationToken Stopping => _stopping.Token;
    public int ConnectionLimit => _connectionLimit;

    /// <summary>True once MaxConnections clients have been accepted.</summary>
    public bool AcceptedAll => _maxConnections is { } max && Interlocked.Read(ref Counters.ConnectionsAccepted) >= max;

    /// <summary>Interactive data sent by cmdlets has LF turned into CRLF (s_server -crlf).</summary>
    public bool Crlf { get; }

    /// <summary>Completes when the accept loop has ended, by a stop or by reaching MaxConnections.</summary>
    public Task AcceptLoop { get; private set; } = Task.CompletedTask;

    public void Start() => AcceptLoop = _dtls is null
        ? Task.Run(AcceptAsync)
        : Task.Run(() => new DtlsDispatcher(this, _listener, _dtls).RunAsync(_stopping.Token));

    public IApplication CreateApplication(ITlsConnection connection) => _mode switch
    {
        ServerMode.Www => new WwwStatusApplication(connection, connection.Record.Snapshot, () => new ServerStatistics(Counters), _cipherSuiteNames),
        ServerMode.WwwRoot => new WwwRootApplication(connection, _documentRoot!),
        ServerMode.HttpRoot => new HttpRootApplication(connection, _documentRoot!),
        ServerMode.Reverse => new ReverseApplication(connection),
        _ => new InteractiveApplication(connection.Record.Received = new ReceiveBuffer(_receiveBufferLimit)),
    };

    /// <summary>The open connection of a session, or null once it has ended.</summary>
    public ITlsConnection? FindConnection(long sessionId) =>
        _connections.TryGetValue(sessionId, out var entry) ? entry.Connection : null;

    public void OnHandshakeCompleted(SessionRecord record, Diagnostics.ConnectionDiagnostics diagnostics)
    {
        Counters.CountHandshakeCompleted();
        diagnostics.Established(record);
        Events.Raise(ServerEventKind.HandshakeCompleted, record);
    }

    /// <summary>Ends a connection's session once, with a fatal alert counting as a failure.</summary>
    public void End(ITlsConnection connection, ConnectionOutcome outcome, bool established)
    {
        bool failed = outcome.IsFailure || (connection.Record.Alert is { Fatal: true });
        if (connection.Record.End(failed, outcome.Reason))
        {
            OnConnectionEnded(connection, handshakeFailed: !established);
        }
    }

    public void OnConnectionEnded(ITlsConnection connection, bool handshakeFailed)
    {
        _connections.TryRemove(connection.Record.Id, out _);
        if (connection.Record.Received is { } received)
        {
            received.Complete();
            _unread.Add(received);
        }

        Counters.CountEnded(handshakeFailed);
        Sessions.OnEnded();
        Events.Raise(ServerEventKind.SessionEnded, connection.Record);
        if (_maxConnections is { } max && Interlocked.Read(ref Counters.ConnectionsAccepted) >= max && _connections.IsEmpty)
        {
            Server.OnAllConnectionsDone();
        }
    }

    /// <summary>Stops accepting, closes every connection with close_notify, and waits for them (bounded).</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        _stopping.Cancel();
        if (_dtls is null)
        {
            _listener.Dispose();
        }

        await AcceptLoop.ConfigureAwait(false);
        var pending = _connections.Values.Select(c => c.Task).ToArray();
        await Task.WhenAny(Task.WhenAll(pending), Task.Delay(grace)).ConfigureAwait(false);
        _listener.Dispose(); // DTLS associations send their close_notify on it, so it closes last
        if (_unixSocket is not null)
        {
            UnixSocketListener.Remove(_unixSocket);
        }

        SessionStore.Close();
        Engine.Dispose();
        Events.Complete();
        await Diagnostics.DisposeAsync().ConfigureAwait(false);
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException) when (_stopping.IsCancellationRequested)
            {
                // Stop disposed the listener under a pending accept: on Linux that can end it with ECANCELED
                // (OperationAborted) rather than a cancellation, and Stop must not fail on it.
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionAborted or SocketError.ConnectionReset)
            {
                continue;
            }

            if (Interlocked.Read(ref Counters.ActiveConnections) >= _connectionLimit)
            {
                Counters.CountRefused();
                socket.Dispose();
                continue;
            }

            Accept(socket);
            if (_maxConnections is { } max && Interlocked.Read(ref Counters.ConnectionsAccepted) >= max)
            {
                _listener.Dispose();
                return;
            }
        }
    }

    private void Accept(Socket socket)
    {
        if (socket.ProtocolType == ProtocolType.Tcp)
        {
            socket.NoDelay = true;
        }

        Track(Engine.Accept(socket, this, Sessions.NextId()));
    }

    /// <summary>Counts, records and runs a new connection of any transport.</summary>
    public void Track(ITlsConnection connection)
    {
        Counters.CountAccepted();
        var gate = new TaskCompletionSource();
        var task = Task.Run(async () =>
        {
            await gate.Task.ConfigureAwait(false);
            await connection.RunAsync().ConfigureAwait(false);
        });

        // The connection is findable before its session is visible, so a command on a session just seen (Handshaking)
        // reaches the connection instead of reporting it closed.
        _connections[connection.Record.Id] = (connection, task);
        Sessions.Add(connection.Record);
        Events.Raise(ServerEventKind.ConnectionAccepted, connection.Record);
        gate.SetResult();
    }
}
