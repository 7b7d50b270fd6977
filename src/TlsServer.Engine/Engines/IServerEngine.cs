using System.Net.Sockets;

namespace TlsServer.Engine.Engines;

/// <summary>
/// A TLS stack, built from the server's <see cref="ServerConfig"/> with a <see cref="IConnectionHost"/> to report to: it
/// makes one <see cref="ITlsConnection"/> per accepted stream socket, and serves a datagram socket (DTLS) itself.
/// </summary>
internal interface IServerEngine : IDisposable
{
    TlsEngine Kind { get; }

    /// <summary>A connection for an accepted TCP or Unix socket; the host runs it.</summary>
    ITlsConnection Accept(Socket socket);

    /// <summary>Reads the UDP socket until the server stops, opening an association per client (each started through the host).</summary>
    Task ServeDatagramsAsync(Socket socket, CancellationToken stopping);
}
