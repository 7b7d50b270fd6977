using System.Net.Sockets;
using TlsServer.Engine.Connections;
using TlsServer.Engine.Tls;

namespace TlsServer.Engine.Engines;

/// <summary>The default engine: BouncyCastle's non-blocking TlsServerProtocol driven by <see cref="Connection"/>.</summary>
internal sealed class BouncyCastleEngine : IServerEngine
{
    public BouncyCastleEngine(TlsConfiguration tls)
    {
    }

    public TlsEngine Kind => TlsEngine.BouncyCastle;

    public EngineCapabilities Capabilities => EngineCapabilities.BouncyCastle;

    public ITlsConnection Accept(Socket socket, ServerRuntime runtime, long id) => new Connection(socket, runtime, id);

    public void Dispose()
    {
        // nothing held beyond the shared TlsConfiguration
    }
}
