using System.Net;
using System.Security.Cryptography.X509Certificates;
using TlsServer.Engine.Diagnostics;
using TlsServer.Engine.Engines;
using TlsServer.Engine.Registry;
using TlsServer.Engine.Runtime;
using TlsServer.Engine.Transports;

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

    private Server(ServerConfig config, ServerRuntime runtime)
    {
        Config = config;
        Id = ServerRegistry.NextId();
        Name = string.IsNullOrEmpty(config.Name) ? $"TlsServer{Id}" : config.Name;
        var local = runtime.Listener.LocalEndPoint as IPEndPoint;
        Address = local?.Address;
        Port = local?.Port ?? 0;
        Engine = config.Engine;
        CipherSuites = config.CipherSuites;
        Groups = (config.Protocol.Groups ?? DefaultGroups.All).Select(NamedGroups.Name).ToArray();
        Resumption = new ResumptionSettings(config.Resumption);
        Certificate = config.Credentials.Default?.Credentials[0].Certificate;
        AdditionalCertificates = config.Credentials.Default?.Credentials.Skip(1).Select(c => c.Certificate).ToArray() ?? Array.Empty<X509Certificate2>();
        PskIdentities = config.Credentials.Psk?.Identities ?? Array.Empty<string>();
        StartTime = DateTimeOffset.Now;
        Faults = config.Faults.Faults.ToArray();
        OcspResponse = config.Extensions.Stapler?.Current();
        _runtime = runtime;
        _runtime.Server = this;
        _runtime.Events.Raised += (_, e) => OnEvent(e);
        _runtime.Events.Wanted = HasSubscribers;
    }

    /// <summary>The settings the server was started with, frozen.</summary>
    internal ServerConfig Config { get; }

    public int Id { get; }

    public string Name { get; }

    /// <summary>The bound address; IPv6Any means every address, IPv4 included unless AddressFamily is IPv6. Null for a Unix socket.</summary>
    public IPAddress? Address { get; }

    /// <summary>The bound port, also when 0 was asked for; 0 for a Unix socket.</summary>
    public int Port { get; }

    /// <summary>TCP, UDP (DTLS) or a Unix domain socket.</summary>
    public ServerTransport Transport => Config.Transport.Kind;

    /// <summary>The Unix domain socket path, when the server listens on one.</summary>
    public string? UnixSocket => Config.Transport.UnixSocket;

    public ListenAddressFamily AddressFamily => Config.Transport.AddressFamily;

    /// <summary>DTLS: whether the stateless cookie exchange (-Listen) runs before any state is kept.</summary>
    public bool Listen => Config.Transport.Dtls?.Listen ?? false;

    /// <summary>DTLS: the link MTU the server's datagrams fit in.</summary>
    public int Mtu => Config.Transport.Dtls?.Mtu ?? ServerLimits.Mtu.Default;

    /// <summary>DTLS: how many associations may be open at once (-AssociationLimit).</summary>
    public int AssociationLimit => Config.Transport.Dtls?.AssociationLimit ?? ServerLimits.AssociationLimit.Default;

    /// <summary>The PSK identities the server knows (never the keys).</summary>
    public IReadOnlyList<string> PskIdentities { get; }

    public string? SrpVerifierPath => Config.Credentials.Srp?.Path;

    public ServerMode Mode => Config.Application.Mode;

    /// <summary>The TLS stack the server runs on: BouncyCastle (the default) or System (.NET's SslStream).</summary>
    public TlsEngine Engine { get; }

    /// <summary>The folder served in WwwRoot and HttpRoot modes.</summary>
    public string? DocumentRoot => Config.Application.DocumentRoot;

    /// <summary>LF becomes CRLF in data sent with Send-TlsData (s_server -crlf).</summary>
    public bool Crlf => Config.Application.Crlf;

    public IReadOnlyList<TlsProtocol> Protocols => Config.Protocols;

    /// <summary>The certificate the server presents (public part); null with -NoCertificate.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>The certificate served beside <see cref="Certificate"/> (s_server -dcert), if any.</summary>
    public IReadOnlyList<X509Certificate2> AdditionalCertificates { get; }

    /// <summary>The cipher suites the server offers, in its order (IANA names).</summary>
    public IReadOnlyList<string> CipherSuites { get; }

    /// <summary>The key exchange groups the server allows, in its order.</summary>
    public IReadOnlyList<string> Groups { get; }

    /// <summary>What the options asked for that the server cannot do (suites BouncyCastle lacks, parts of a cipher string that matched nothing).</summary>
    public IReadOnlyList<string> Warnings => Config.Warnings;

    public TimeSpan HandshakeTimeout => Config.Limits.HandshakeTimeout;

    /// <summary>Whether client certificates are asked for (None, Request, Require).</summary>
    public ClientCertificateMode ClientCertificate => Config.ClientAuth.Mode;

    public int? MaxConnections => Config.Limits.MaxConnections;

    public TimeSpan? IdleTimeout => Config.Limits.IdleTimeout;

    public int ConnectionLimit => Config.Limits.ConnectionLimit;

    public int MaxHandshakeMessageSize => Config.Protocol.MaxHandshakeMessageSize ?? ServerLimits.MaxHandshakeMessageSize.Default;

    public int ReceiveBufferLimit => Config.Limits.ReceiveBufferLimit;

    public int SessionHistoryLimit => Config.Limits.SessionHistoryLimit;

    public DateTimeOffset StartTime { get; }

    /// <summary>The faults applied to every connection (Start-TlsServer -Fault); empty for a well-behaved server.</summary>
    public IReadOnlyList<TlsFault> Faults { get; }

    /// <summary>The id of whoever started the server, if given (for the cmdlets, the runspace).</summary>
    public Guid? OwnerId => Config.OwnerId;

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

    /// <summary>The OCSP response fetched when the server started (-Status) or read from -StatusFile; null without stapling.</summary>
    public TlsOcspResponse? OcspResponse { get; }

    /// <summary>Takes the trace text (-Msg, -State, -HexDump, -TlsExtDebug, -Brief) not yet taken, oldest first.</summary>
    public bool TryTakeTrace(out string text)
    {
        text = string.Empty;
        return _runtime.Diagnostics.Trace?.TryTake(out text) ?? false;
    }

    internal bool HasDataReceivedSubscribers => HasSubscribers(ServerEventKind.DataReceived);

    /// <summary>Opens the trace file and key log, makes the engine, binds the port and starts accepting.</summary>
    /// <param name="config">The settings, from <see cref="ServerConfig.Build"/>.</param>
    public static Server Start(ServerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var diagnostics = ServerDiagnostics.Open(config.Diagnostics);
        var runtime = new ServerRuntime(config, diagnostics);
        try
        {
            runtime.Engine = ServerEngines.Create(config, runtime);
            runtime.Listener = ServerSocket.Bind(config.Transport);
        }
        catch
        {
            (runtime.Engine as IDisposable)?.Dispose();
            diagnostics.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        var server = new Server(config, runtime);
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

    private SessionRecord FindRecord(long sessionId) =>
        _runtime.Sessions.Find(sessionId)
            ?? throw new TlsServerException(ErrorIds.SessionNotFound, ErrorKind.ObjectNotFound,
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

    /// <summary>Whether anyone subscribes to the event of <paramref name="kind"/>: nobody's events are not queued.</summary>
    internal bool HasSubscribers(ServerEventKind kind) => Handler(kind) is not null;

    private void OnEvent(SessionEventArgs e) => Handler(e.Kind)?.Invoke(this, e);

    private EventHandler<SessionEventArgs>? Handler(ServerEventKind kind) => kind switch
    {
        ServerEventKind.ConnectionAccepted => ConnectionAccepted,
        ServerEventKind.HandshakeCompleted => HandshakeCompleted,
        ServerEventKind.AlertReceived => AlertReceived,
        ServerEventKind.AlertSent => AlertSent,
        ServerEventKind.DataReceived => DataReceived,
        _ => SessionEnded,
    };
}
