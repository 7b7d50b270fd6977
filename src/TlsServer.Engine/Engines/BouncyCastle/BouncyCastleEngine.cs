using System.Net.Sockets;
using TlsServer.Engine.Connections;
using TlsServer.Engine.Engines.BouncyCastle.Faults;
using TlsServer.Engine.Faults;
using TlsServer.Engine.Tls;

namespace TlsServer.Engine.Engines;

/// <summary>The default engine: BouncyCastle's non-blocking TlsServerProtocol driven by <see cref="Connection"/>.</summary>
internal sealed class BouncyCastleEngine : IServerEngine
{
    private readonly ServerFaults? _faults;

    public BouncyCastleEngine(TlsConfiguration tls, FaultPlan faults)
    {
        CipherSuites = tls.CipherSuites;
        _faults = faults.IsEmpty ? null : new ServerFaults(faults, tls);
    }

    public TlsEngine Kind => TlsEngine.BouncyCastle;

    public EngineCapabilities Capabilities => EngineCapabilities.BouncyCastle;

    public IReadOnlyList<int> CipherSuites { get; }

    public ITlsConnection Accept(Socket socket, ServerRuntime runtime, long id) => new Connection(socket, runtime, id, _faults);

    public void Dispose()
    {
        // nothing held beyond the shared TlsConfiguration
    }
}
