using System.Net;
using System.Net.Sockets;

namespace TlsServer.Engine.Connections;

/// <summary>Binds the listening TCP socket, translating OS failures into stable errors.</summary>
internal static class Listener
{
    public static Socket Bind(string? address, int port)
    {
        var endPoint = new IPEndPoint(Resolve(address, out bool any), port);
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (any && endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = true;
            }

            socket.Bind(endPoint);
            socket.Listen(512);
            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            if (any && e.SocketErrorCode is SocketError.AddressFamilyNotSupported or SocketError.AddressNotAvailable)
            {
                return Bind(IPAddress.Any.ToString(), port);
            }

            throw e.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => new TlsServerException("PortInUse", ErrorKind.ResourceUnavailable,
                    $"Port {port} on {Display(endPoint.Address, any)} is already in use; choose another -Port, or 0 for any free port.", port, e),
                SocketError.AccessDenied => new TlsServerException("PortAccessDenied", ErrorKind.PermissionDenied,
                    $"Listening on port {port} is not permitted for this user; choose a port above 1023.", port, e),
                SocketError.AddressNotAvailable => new TlsServerException("AddressNotAvailable", ErrorKind.InvalidArgument,
                    $"The address {endPoint.Address} is not an address of this machine.", address, e),
                _ => new TlsServerException("ListenFailed", ErrorKind.ResourceUnavailable,
                    $"Cannot listen on {endPoint}: {e.Message}", endPoint, e),
            };
        }
    }

    private static IPAddress Resolve(string? address, out bool any)
    {
        any = string.IsNullOrEmpty(address) || address == "*";
        if (any)
        {
            return Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any;
        }

        string host = address!.StartsWith('[') && address.EndsWith(']') ? address[1..^1] : address;
        if (IPAddress.TryParse(host, out var ip))
        {
            return ip;
        }

        try
        {
            var addresses = Dns.GetHostAddresses(host);
            return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.First();
        }
        catch (Exception e) when (e is SocketException or InvalidOperationException or ArgumentException)
        {
            throw new TlsServerException("AddressNotResolved", ErrorKind.ObjectNotFound,
                $"The host name '{host}' cannot be resolved to an address.", address, e);
        }
    }

    private static string Display(IPAddress address, bool any) => any ? "every address" : address.ToString();
}
