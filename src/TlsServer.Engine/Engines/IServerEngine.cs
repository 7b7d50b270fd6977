using System.Net.Sockets;

namespace TlsServer.Engine.Engines;

/// <summary>A TLS stack, frozen at start with the server's settings: makes one <see cref="ITlsConnection"/> per accepted socket.</summary>
internal interface IServerEngine : IDisposable
{
    TlsEngine Kind { get; }

    EngineCapabilities Capabilities { get; }

    ITlsConnection Accept(Socket socket, ServerRuntime runtime, long id);
}
