using System.Net;
using System.Security.Cryptography.X509Certificates;
using TlsServer.Engine.Connections;
using TlsServer.Engine.Credentials;
using TlsServer.Engine.Tls;
using TlsServer.Engine.Tls.Psk;
using TlsServer.Engine.Tls.Srp;

namespace TlsServer.Engine;

/// <summary>
/// A running (or ended) TLS server. Its settings are frozen at <see cref="Start"/>; its state, statistics and
/// sessions are read live. Safe to use from any thread.
/// </summary>
public sealed class Server
{
    /// <summary>How many events may wait for delivery before new ones are dropped and counted.</summary>
    public const int EventQueueLimit = 10_000;

    /// <summary>How long Stop waits for connections to finish their close_notify exchange.</summary>
    public static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(5);

    private readonly object _gate = new();
    private readonly ServerRuntime _runtime;
    private ServerState _state = ServerState.Starting;
    private Task? _stopping;

    private Server(ServerOptions options, ServerCredential credential, System.Net.Sockets.Socket listener, PreSharedKeys? psk, SrpVerifierFile? srp)
    {
        Id = ServerRegistry.NextId();
        Name = string.IsNullOrEmpty(options.Name) ? $"TlsServer{Id}" : options.Name;
        var local = listener.LocalEndPoint as IPEndPoint;
        Address = local?.Address;
        Port = local?.Port ?? 0;
        Transport = listener.SocketType == System.Net.Sockets.SocketType.Dgram ? ServerTransport.Udp
            : local is null ? ServerTransport.Unix : ServerTransport.Tcp;
        UnixSocket = options.UnixSocket;
        AddressFamily = options.AddressFamily;
        Listen = options.Listen;
        Mtu = options.Mtu;
        AssociationLimit = options.AssociationLimit;
        PskIdentities = options.PreSharedKeys?.Keys.Order(StringComparer.Ordinal).ToArray() ?? Array.Empty<string>();
        SrpVerifierPath = options.SrpVerifierPath;
        Mode = options.Mode;
        Protocols = options.Protocols.Distinct().OrderBy(p => p).ToArray();
        Certificate = credential.Certificate;
        HandshakeTimeout = options.HandshakeTimeout;
        MaxConnections = options.MaxConnections;
        SessionHistoryLimit = options.SessionHistoryLimit;
        OwnerId = options.OwnerId;
        StartTime = DateTimeOffset.Now;
        IdleTimeout = options.IdleTimeout;
        ConnectionLimit = options.ConnectionLimit;
        MaxHandshakeMessageSize = options.MaxHandshakeMessageSize;
        ReceiveBufferLimit = options.ReceiveBufferLimit;
        var tls = new TlsConfiguration(Protocols, credential)
        {
            MaxHandshakeMessageSize = options.MaxHandshakeMessageSize,
            HandshakeTimeoutMillis = (int)options.HandshakeTimeout.TotalMilliseconds,
            Psk = psk,
            Srp = srp,
        };
        _runtime = new ServerRuntime(this, listener, tls, options);
        _runtime.Events.Raised += (_, e) => OnEvent(e);
    }

    public int Id { get; }

    public string Name { get; }

    /// <summary>The bound address; IPv6Any means every address, IPv4 included unless AddressFamily is IPv6. Null for a Unix socket.</summary>
    public IPAddress? Address { get; }

    /// <summary>The bound port, also when 0 was asked for; 0 for a Unix socket.</summary>
    public int Port { get; }

    /// <summary>TCP, UDP (DTLS) or a Unix domain socket.</summary>
    public ServerTransport Transport { get; }

    /// <summary>The Unix domain socket path, when the server listens on one.</summary>
    public string? UnixSocket { get; }

    public ListenAddressFamily AddressFamily { get; }

    /// <summary>DTLS: whether the stateless cookie exchange (-Listen) runs before any state is kept.</summary>
    public bool Listen { get; }

    /// <summary>DTLS: the link MTU the server's datagrams fit in.</summary>
    public int Mtu { get; }

    /// <summary>DTLS: how many associations may be open at once.</summary>
    public int AssociationLimit { get; }

    /// <summary>The PSK identities the server knows (never the keys).</summary>
    public IReadOnlyList<string> PskIdentities { get; }

    public string? SrpVerifierPath { get; }

    public ServerMode Mode { get; }

    public IReadOnlyList<TlsProtocol> Protocols { get; }

    /// <summary>The certificate the server presents (public part).</summary>
    public X509Certificate2 Certificate { get; }

    public TimeSpan HandshakeTimeout { get; }

    public int? MaxConnections { get; }

    public TimeSpan? IdleTimeout { get; }

    public int ConnectionLimit { get; }

    public int MaxHandshakeMessageSize { get; }

    public int ReceiveBufferLimit { get; }

    public int SessionHistoryLimit { get; }

    public DateTimeOffset StartTime { get; }

    /// <summary>The id of whoever started the server, if given (for the cmdlets, the runspace).</summary>
    public Guid? OwnerId { get; }

    public DateTimeOffset? EndTime { get; private set; }

    public ServerState State
    {
        get { lock (_gate) { return _state; } }
    }

    public ServerStatistics Statistics => new(_runtime.Counters);

    public event EventHandler<SessionEventArgs>? ConnectionAccepted;

    public event EventHandler<SessionEventArgs>? HandshakeCompleted;

    public event EventHandler<SessionEventArgs>? SessionEnded;

    /// <summary>Validates the options, loads the credential, binds the port and starts accepting.</summary>
    public static Server Start(ServerOptions options)
    {
        OptionsValidator.Validate(options);
        var credential = CredentialLoader.Load(options);
        var psk = PreSharedKeys.From(options);
        var srp = options.SrpVerifierPath is null ? null : SrpVerifierFile.Load(options.SrpVerifierPath, options.SrpUserSeed);
        var listener = ServerSocket.Bind(options);
        var server = new Server(options, credential, listener, psk, srp);
        ServerRegistry.Add(server);
        lock (server._gate)
        {
            server._state = ServerState.Running;
        }

        server._runtime.Start();
        return server;
    }

    public IReadOnlyList<Session> GetSessions() => _runtime.Sessions.Snapshot();

    /// <summary>
    /// Waits until at least <paramref name="count"/> sessions match, or the timeout passes, and returns the
    /// matching sessions (fewer than asked for on timeout).
    /// </summary>
    public IReadOnlyList<Session> WaitForSessions(Func<Session, bool> match, int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        long seen = _runtime.Events.Version;
        while (true)
        {
            var matched = GetSessions().Where(match).ToList();
            var left = deadline - DateTime.UtcNow;
            if (matched.Count >= count || left <= TimeSpan.Zero || cancellationToken.IsCancellationRequested)
            {
                return matched;
            }

            var slice = left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200);
            seen = _runtime.Events.WaitForChange(seen, slice);
        }
    }

    /// <summary>Stops accepting and closes every connection with close_notify.</summary>
    /// <exception cref="TlsServerException">ServerAlreadyStopped when the server has already ended.</exception>
    public void Stop()
    {
        Task stopping;
        lock (_gate)
        {
            if (_state is ServerState.Stopped or ServerState.Faulted)
            {
                throw new TlsServerException("ServerAlreadyStopped", ErrorKind.InvalidOperation,
                    $"The server '{Name}' (Id {Id}) is already {_state.ToString().ToLowerInvariant()}.", this);
            }

            stopping = BeginStop();
        }

        stopping.GetAwaiter().GetResult();
    }

    internal void OnAllConnectionsDone()
    {
        lock (_gate)
        {
            if (_state == ServerState.Running)
            {
                BeginStop();
            }
        }
    }

    public override string ToString() => $"{Name} ({UnixSocket ?? $"{Address}:{Port}"}, {State})";

    private Task BeginStop()
    {
        if (_stopping is null)
        {
            _state = ServerState.Stopping;
            _stopping = Task.Run(async () =>
            {
                await _runtime.StopAsync(StopGracePeriod).ConfigureAwait(false);
                lock (_gate)
                {
                    _state = ServerState.Stopped;
                    EndTime = DateTimeOffset.Now;
                }

                _runtime.Events.Pulse();
            });
        }

        return _stopping;
    }

    private void OnEvent(SessionEventArgs e)
    {
        var handler = e.Kind switch
        {
            ServerEventKind.ConnectionAccepted => ConnectionAccepted,
            ServerEventKind.HandshakeCompleted => HandshakeCompleted,
            _ => SessionEnded,
        };
        handler?.Invoke(this, e);
    }
}
