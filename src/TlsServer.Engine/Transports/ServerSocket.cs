using System.Net.Sockets;
using TlsServer.Engine.Tls;

namespace TlsServer.Engine.Connections;

/// <summary>Binds what the options ask for: a Unix socket, a UDP socket for DTLS, or a TCP socket.</summary>
internal static class ServerSocket
{
    public static Socket Bind(ServerOptions o)
    {
        if (o.UnixSocket is not null)
        {
            return UnixSocketListener.Bind(o.UnixSocket, o.Unlink);
        }

        var (address, port) = o.Accept is null ? (o.Address, o.Port) : AcceptAddress.Parse(o.Accept);
        return Listener.Bind(address, port, o.AddressFamily, datagram: ProtocolRange.IsDtls(o));
    }
}
