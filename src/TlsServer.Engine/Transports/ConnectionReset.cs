using System.Net.Sockets;

namespace TlsServer.Engine.Transports;

/// <summary>Makes closing a socket send a TCP reset (linger 0), for Stop-TlsSession -Abort.</summary>
internal static class ConnectionReset
{
    public static void Arm(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // already closed
        }
    }
}
