using System.Net;
using System.Security.Cryptography.X509Certificates;
using TlsServer.Engine.Connections;
using TlsServer.Engine.Credentials;
using TlsServer.Engine.Engines;
using TlsServer.Engine.Extensions;
using TlsServer.Engine.Tls;
using TlsServer.Engine.Verification;

namespace TlsServer.Engine;

/// <summary>
/// A running (or ended) TLS server. Its settings are frozen at <see cref="Start"/>; its state, statistics and
/// sessions are read live. Safe to use from any thread.
/// </summary>
public sealed partial class Server
{
    /// <summary>How many events may wait for delivery before new ones are dropped and counted.</summary>
    public const int EventQueueLimit = 10_000;

    /// <summary>How long Stop waits for connections to finish their close_notify exchange.</summary>
    public static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(5);

    private readonly object _gate = new();
    private readonly ServerRuntime _runtime;
    private ServerState _state = ServerState.Starting;
    private Task? _stopping;

    private Server(ServerOptions options, TlsConfiguration tls, System.Net.Sockets.Socket listener, ServerAddOns addOns, IServerEngine engine)
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
        DocumentRoot = options.DocumentRoot;
        Crlf = options.Crlf;
        Protocols = tls.Protocols;
        Certificate = tls.Credential?.Certificate;
        AdditionalCertificates = tls.DefaultCredentials?.Credentials.Skip(1).Select(c => c.Certificate).ToArray() ?? Array.Empty<X509Certificate2>();
        Engine = engine.Kind;
        CipherSuites = CipherSuiteNames.IanaNames(engine.CipherSuites);
        Groups = tls.Groups.Select(NamedGroups.Name).ToArray();
        Warnings = tls.Warnings.ToArray();
        HandshakeTimeout = options.HandshakeTimeout;
        MaxConnections = options.MaxConnections;
        SessionHistoryLimit = options.SessionHistoryLimit;
        OwnerId = options.OwnerId;
        ClientCertificate = options.ClientAuthentication.Mode;
        StartTime = DateTimeOffset.Now;
        IdleTimeout = options.IdleTimeout;
        ConnectionLimit = options.ConnectionLimit;
        MaxHandshakeMessageSize = options.MaxHandshakeMessageSize;
        ReceiveBufferLimit = options.ReceiveBufferLimit;
        Faults = options.Faults.ToArray();
        OcspResponse = addOns.Extensions.Stapler?.Current();
        _runtime = new ServerRuntime(this, listener, tls, options)
        {
            Diagnostics = addOns.Diagnostics,
            Engine = engine,
        };
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

    /// <summary>DTLS: how many associations may be open at once (a named limit; see ServerOptions.AssociationLimit).</summary>
    public int AssociationLimit { get; }

    /// <summary>The PSK identities the server knows (never the keys).</summary>
    public IReadOnlyList<string> PskIdentities { get; }

    public string? SrpVerifierPath { get; }

    public ServerMode Mode { get; }

    /// <summary>The TLS stack the server runs on: BouncyCastle (the default) or System (.NET's SslStream).</summary>
    public TlsEngine Engine { get; }

    /// <summary>The folder served in WwwRoot and HttpRoot modes.</summary>
    public string? DocumentRoot { get; }

    /// <summary>LF becomes CRLF in data sent with Send-TlsData (s_server -crlf).</summary>
    public bool Crlf { get; }

    public IReadOnlyList<TlsProtocol> Protocols { get; }

    /// <summary>The certificate the server presents (public part); null with -NoCertificate.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>The certificate served beside <see cref="Certificate"/> (s_server -dcert), if any.</summary>
    public IReadOnlyList<X509Certificate2> AdditionalCertificates { get; }

    /// <summary>The cipher suites the server offers, in its order (IANA names).</summary>
    public IReadOnlyList<string> CipherSuites { get; }

    /// <summary>The key exchange groups the server allows, in its order.</summary>
    public IReadOnlyList<string> Groups { get; }

    /// <summary>What the options asked for that the server cannot do (suites BouncyCastle lacks, parts of a cipher string that matched nothing).</summary>
    public IReadOnlyList<string> Warnings { get; }

    public TimeSpan HandshakeTimeout { get; }

    /// <summary>Whether client certificates are asked for (None, Request, Require).</summary>
    public ClientCertificateMode ClientCertificate { get; }

    public int? MaxConnections { get; }

    public TimeSpan? IdleTimeout { get; }

    public int ConnectionLimit { get; }

    public int MaxHandshakeMessageSize { get; }

    public int ReceiveBufferLimit { get; }

    public int SessionHistoryLimit { get; }

    public DateTimeOffset StartTime { get; }

    /// <summary>The faults applied to every connection (Start-TlsServer -Fault); empty for a well-behaved server.</summary>
    public IReadOnlyList<TlsFault> Faults { get; }

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

    /// <summary>An alert arrived from a client; <see cref="SessionEventArgs.Alert"/> says which.</summary>
    public event EventHandler<SessionEventArgs>? AlertReceived;

    /// <summary>The server sent an alert; <see cref="SessionEventArgs.Alert"/> says which and why.</summary>
    public event EventHandler<SessionEventArgs>? AlertSent;

    /// <summary>Application data arrived; <see cref="SessionEventArgs.Data"/> holds it. Only queued while someone subscribes.</summary>
    public event EventHandler<SessionEventArgs>? DataReceived;

    /// <summary>The OCSP response stapled when the server started (-Status, -StatusFile); null without stapling.</summary>
    public TlsOcspResponse? OcspResponse { get; }

    /// <summary>Takes the trace text (-Msg, -State, -HexDump, -TlsExtDebug, -Brief) not yet taken, oldest first.</summary>
    public bool TryTakeTrace(out string text)
    {
        text = string.Empty;
        return _runtime.Diagnostics.Trace?.TryTake(out text) ?? false;
    }

    internal bool HasDataReceivedSubscribers => DataReceived is not null;

    /// <summary>Validates the options, loads the credential, binds the port and starts accepting.</summary>
    public static Server Start(ServerOptions options)
    {
        OptionsValidator.Validate(options);
        var (main, byName) = CredentialSetLoader.Load(options);
        var addOns = ServerAddOns.Load(options, main?.Credentials[0]);
        System.Net.Sockets.Socket listener;
        TlsConfiguration tls;
        IServerEngine? engine = null;
        try
        {
            tls = new TlsConfiguration(options, ProtocolRange.Resolve(options), main, byName)
            {
                Extensions = addOns.Extensions,
                ClientAuthentication = ClientAuthentication.Load(options.ClientAuthentication),
            };
            var faults = TlsServer.Engine.Faults.FaultPlan.Build(options, tls.Protocols, tls.Credential?.Chain.Count);
            engine = ServerEngines.Create(options, tls, faults);
            listener = ServerSocket.Bind(options);
        }
        catch
        {
            engine?.Dispose();
            addOns.Dispose();
            throw;
        }

        var server = new Server(options, tls, listener, addOns, engine);
        ServerRegistry.Add(server);
        lock (server._gate)
        {
            server._state = ServerState.Running;
        }

        server._runtime.Start();
        return server;
    }

    public IReadOnlyList<Session> GetSessions() => _runtime.Sessions.Snapshot();

    /// <summary>One session as it is now.</summary>
    /// <exception cref="TlsServerException">SessionNotFound when the server has no such session (never had, or evicted).</exception>
    public Session GetSession(long sessionId) => FindRecord(sessionId).Snapshot();

    /// <summary>The connection of one of this server's sessions, to send to the client and read what it sent.</summary>
    /// <exception cref="TlsServerException">SessionNotFound when the server has no such session (never had, or evicted).</exception>
    public SessionConnection GetConnection(long sessionId) => new(_runtime, FindRecord(sessionId));

    private Sessions.SessionRecord FindRecord(long sessionId) =>
        _runtime.Sessions.Find(sessionId)
            ?? throw new TlsServerException("SessionNotFound", ErrorKind.ObjectNotFound,
                $"The server '{Name}' (Id {Id}) has no session {sessionId}; it may have been evicted (see SessionHistoryLimit).", sessionId);

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

    /// <summary>Stops accepting and closes every connection with close_notify; a server that has ended stays as it is.</summary>
    public void Stop()
    {
        Task stopping;
        lock (_gate)
        {
            if (_state is ServerState.Stopped or ServerState.Faulted)
            {
                return;
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
            ServerEventKind.AlertReceived => AlertReceived,
        ServerEventKind.AlertSent => AlertSent,
        ServerEventKind.DataReceived => DataReceived,
        _ => SessionEnded,
        };
        handler?.Invoke(this, e);
    }
}
