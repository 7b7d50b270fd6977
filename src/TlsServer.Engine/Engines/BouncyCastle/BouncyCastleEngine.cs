using System.Net.Sockets;
using TlsServer.Engine.Config;
using TlsServer.Engine.Engines.BouncyCastle.Dtls;
using TlsServer.Engine.Engines.BouncyCastle.Faults;
using TlsServer.Engine.Engines.BouncyCastle.Resumption;
using TlsServer.Engine.Transports;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>
/// The default engine: BouncyCastle's non-blocking TlsServerProtocol driven by <see cref="Connection"/> over TCP and
/// Unix sockets, and its DtlsServerProtocol over UDP (<see cref="DtlsDispatcher"/>). It builds BouncyCastle's settings
/// from the config and owns what only it uses: the session cache and tickets, and the socket I/O settings.
/// </summary>
internal sealed class BouncyCastleEngine : IServerEngine
{
    private readonly IConnectionHost _host;
    private readonly DtlsConfig? _dtls;
    private readonly ServerFaults? _faults;

    public BouncyCastleEngine(ServerConfig config, IConnectionHost host)
    {
        _host = host;
        _dtls = config.Transport.Dtls;
        Tls = new TlsConfiguration(config);
        _faults = config.Faults.IsEmpty ? null : new ServerFaults(config.Faults, Tls);
        SessionStore = new SessionStore(new ResumptionSettings(config.Resumption), host.Counters);
        var stream = config.Transport.Stream;
        SocketIo = new SocketIo(stream.ReadBufferSize ?? ServerLimits.ReadBufferSize.Default, stream.NonBlockingTest);
        HandshakeTimeout = config.Limits.HandshakeTimeout;
        IdleTimeout = config.Limits.IdleTimeout;
    }

    public TlsEngine Kind => TlsEngine.BouncyCastle;

    /// <summary>BouncyCastle's view of the settings, shared by the connections.</summary>
    public TlsConfiguration Tls { get; }

    /// <summary>Resumption: the settings, the session-ID cache and the context it shares.</summary>
    public SessionStore SessionStore { get; }

    public SocketIo SocketIo { get; }

    public TimeSpan HandshakeTimeout { get; }

    /// <summary>Close an established TCP connection that receives nothing for this long; null never.</summary>
    public TimeSpan? IdleTimeout { get; }

    public ITlsConnection Accept(Socket socket) => new Connection(socket, this, _host, _faults);

    public Task ServeDatagramsAsync(Socket socket, CancellationToken stopping) =>
        new DtlsDispatcher(this, _host, socket, _dtls ?? throw new InvalidOperationException("The server was not configured for DTLS."))
            .RunAsync(stopping);

    public void Dispose() => SessionStore.Close();
}
