using System.Collections.Concurrent;
using System.Net.Sockets;
using TlsServer.Engine.Applications;
using TlsServer.Engine.Engines;
using TlsServer.Engine.Transports;

namespace TlsServer.Engine.Runtime;

/// <summary>
/// The machinery of a running server: the accept loop (or the engine's datagram loop), its connections, counters and
/// events. It is the host the engine's connections report to.
/// </summary>
internal sealed class ServerRuntime : IConnectionHost
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, (ITlsConnection Connection, Task Task)> _connections = new();
    private readonly ServerMode _mode;
    private readonly int? _maxConnections;
    private readonly int _connectionLimit;
    private readonly int _receiveBufferLimit;
    private readonly DocumentRoot? _documentRoot;
    private readonly UnreadDataRetention _unread;
    private readonly IReadOnlySet<string> _cipherSuiteNames;
    private readonly bool _datagrams;
    private readonly string? _unixSocket;
    private readonly Extensions.OcspStapler? _stapler;

    public ServerRuntime(ServerConfig config, Diagnostics.ServerDiagnostics diagnostics)
    {
        Diagnostics = diagnostics;
        var limits = config.Limits;
        _mode = config.Application.Mode;
        _maxConnections = limits.MaxConnections;
        _connectionLimit = limits.ConnectionLimit;
        _receiveBufferLimit = limits.ReceiveBufferLimit;
        Sessions = new SessionTable(limits.SessionHistoryLimit);
        Events = new ServerEvents(Counters, Server.EventQueueLimit);
        Crlf = config.Application.Crlf;
        _documentRoot = config.Application.DocumentRoot is { } root ? new DocumentRoot(root) : null;
        _unread = new UnreadDataRetention(limits.SessionHistoryLimit);
        _cipherSuiteNames = config.CipherSuites.ToHashSet();
        _datagrams = config.Transport.Kind == ServerTransport.Udp;
        _unixSocket = config.Transport.UnixSocket;
        _stapler = config.Extensions.Stapler;
    }

    /// <summary>The server this runtime runs; set once, before <see cref="Start"/>.</summary>
    public Server Server { get; set; } = null!;
    public ServerCounters Counters { get; } = new();
    public SessionTable Sessions { get; }
    public ServerEvents Events { get; }
    public Diagnostics.ServerDiagnostics Diagnostics { get; }

    /// <summary>The TLS stack that runs each connection (Start-TlsServer -Engine); set once, before <see cref="Start"/>.</summary>
    public IServerEngine Engine { get; set; } = null!;

    /// <summary>The bound socket; set once, before <see cref="Start"/>.</summary>
    public Socket Listener { get; set; } = null!;
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>True once MaxConnections clients have been accepted.</summary>
    public bool AcceptedAll => _maxConnections is { } max && Interlocked.Read(ref Counters.ConnectionsAccepted) >= max;

    public bool WantsData => Server.HasDataReceivedSubscribers;

    /// <summary>Interactive data sent by cmdlets has LF turned into CRLF (s_server -crlf).</summary>
    public bool Crlf { get; }

    /// <summary>Completes when the accept loop has ended, by a stop or by reaching MaxConnections.</summary>
    public Task AcceptLoop { get; private set; } = Task.CompletedTask;

    /// <summary>Starts the OCSP refresh and the accept loop.</summary>
    public void Start()
    {
        _stapler?.Start();
        AcceptLoop = _datagrams
            ? Task.Run(() => Engine.ServeDatagramsAsync(Listener, _stopping.Token))
            : Task.Run(AcceptAsync);
    }

    public SessionRecord NewSession(System.Net.IPEndPoint? remote, System.Net.IPEndPoint? local) =>
        new(Server, Sessions.NextId(), remote, local);

    public IApplication ApplicationFor(ITlsConnection connection) => _mode switch
    {
        ServerMode.Www => new WwwStatusApplication(connection, connection.Record.Snapshot, () => new ServerStatistics(Counters), _cipherSuiteNames),
        ServerMode.WwwRoot => new WwwRootApplication(connection, _documentRoot!),
        ServerMode.HttpRoot => new HttpRootApplication(connection, _documentRoot!),
        ServerMode.Reverse => new ReverseApplication(connection),
        _ => new InteractiveApplication(connection.Record.Received = new ReceiveBuffer(_receiveBufferLimit)),
    };

    public bool TryAdmit()
    {
        if (Interlocked.Read(ref Counters.ActiveConnections) < _connectionLimit)
        {
            return true;
        }

        Counters.CountRefused();
        return false;
    }

    /// <summary>The open connection of a session, or null once it has ended.</summary>
    public ITlsConnection? FindConnection(long sessionId) =>
        _connections.TryGetValue(sessionId, out var entry) ? entry.Connection : null;

    public void HandshakeCompleted(ITlsConnection connection, Diagnostics.ConnectionDiagnostics diagnostics, NegotiatedState state)
    {
        connection.Record.SetEstablished(state);
        Counters.CountHandshakeCompleted();
        diagnostics.Established(connection.Record);
        Events.Raise(ServerEventKind.HandshakeCompleted, connection.Record);
    }

    public void Event(ServerEventKind kind, SessionRecord record, TlsAlert? alert = null, byte[]? data = null) =>
        Events.Raise(kind, record, alert, data);

    public void Ended(ITlsConnection connection, ConnectionOutcome outcome, bool established)
    {
        bool failed = outcome.IsFailure || (connection.Record.Alert is { Fatal: true });
        if (!connection.Record.End(failed, outcome.Reason))
        {
            return;
        }

        _connections.TryRemove(connection.Record.Id, out _);
        if (connection.Record.Received is { } received)
        {
            received.Complete();
            _unread.Add(received);
        }

        Counters.CountEnded(handshakeFailed: !established);
        Sessions.OnEnded();
        Events.Raise(ServerEventKind.SessionEnded, connection.Record);
        if (_maxConnections is { } max && Interlocked.Read(ref Counters.ConnectionsAccepted) >= max && _connections.IsEmpty)
        {
            Server.OnAllConnectionsDone();
        }
    }

    /// <summary>Stops accepting and the OCSP refresh, closes every connection with close_notify, and waits for them (bounded).</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        _stopping.Cancel();
        var stapling = _stapler?.StopAsync() ?? Task.CompletedTask;
        if (!_datagrams)
        {
            Listener.Dispose();
        }

        await AcceptLoop.ConfigureAwait(false);
        var pending = _connections.Values.Select(c => c.Task).ToArray();
        await Task.WhenAny(Task.WhenAll(pending), Task.Delay(grace)).ConfigureAwait(false);
        Listener.Dispose(); // DTLS associations send their close_notify on it, so it closes last
        if (_unixSocket is not null)
        {
            UnixSocketListener.Remove(_unixSocket);
        }

        Engine.Dispose();
        await stapling.ConfigureAwait(false);
        Events.Complete();
        await Diagnostics.DisposeAsync().ConfigureAwait(false);
    }

    private async Task AcceptAsync()
    {
        var acceptor = new SocketAcceptor(Listener);
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await acceptor.AcceptAsync(_stopping.Token).ConfigureAwait(false);
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

            if (socket.ProtocolType == ProtocolType.Tcp)
            {
                socket.NoDelay = true;
            }

            // In a burst the accept loop only accepts, so the backlog drains and the handshakes spread over the threads.
            Started(Engine.Accept(socket), runHere: !acceptor.MorePending);
            if (_maxConnections is { } max && Interlocked.Read(ref Counters.ConnectionsAccepted) >= max)
            {
                Listener.Dispose();
                return;
            }
        }
    }

    /// <summary>Counts, records and runs a new connection of any transport.</summary>
    /// <param name="runHere">
    /// Run the connection on the caller's thread until it first waits (for TCP: the accept loop's, where the ClientHello
    /// usually is already readable): one thread hop less per connection. Otherwise it starts on the thread pool.
    /// </param>
    public void Started(ITlsConnection connection, bool runHere = true)
    {
        Counters.CountAccepted();

        // The connection is findable before its session is visible, so a command on a session just seen (Handshaking)
        // reaches the connection instead of reporting it closed.
        long id = connection.Record.Id;
        var starting = (connection, Task.CompletedTask);
        _connections[id] = starting;
        Sessions.Add(connection.Record);
        Events.Raise(ServerEventKind.ConnectionAccepted, connection.Record);
        var task = runHere ? connection.RunAsync() : Task.Run(connection.RunAsync);

        // A connection that ended before its first wait has already left the table.
        _connections.TryUpdate(id, (connection, task), starting);
    }
}
