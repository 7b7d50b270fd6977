using System.Net.Sockets;
using TlsServer.Engine.Config;

namespace TlsServer.Engine.Transports;

/// <summary>Binds what the configuration asks for: a Unix socket, a UDP socket for DTLS, or a TCP socket.</summary>
internal static class ServerSocket
{
    public static Socket Bind(TransportConfig t) => t.Kind == ServerTransport.Unix
        ? UnixSocketListener.Bind(t.UnixSocket!, t.Unlink)
        : Listener.Bind(t.Address, t.Port, t.AddressFamily, datagram: t.Kind == ServerTransport.Udp);
}
