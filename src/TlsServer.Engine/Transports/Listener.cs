using System.Net;
using System.Net.Sockets;

namespace TlsServer.Engine.Transports;

/// <summary>Binds the listening TCP socket (or the UDP socket of a DTLS server), translating OS failures into stable errors.</summary>
internal static class Listener
{
    public static Socket Bind(string? address, int port, ListenAddressFamily family = ListenAddressFamily.Any, bool datagram = false)
    {
        var endPoint = new IPEndPoint(Resolve(address, family, out bool any), port);
        var socket = datagram
            ? new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp)
            : new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                // Dual stack only for "every address" without -AddressFamily; IPv6 only otherwise.
                socket.DualMode = any && family == ListenAddressFamily.Any;
            }

            socket.Bind(endPoint);
            if (!datagram)
            {
                socket.Listen(512);
            }

            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            if (any && family == ListenAddressFamily.Any && e.SocketErrorCode is SocketError.AddressFamilyNotSupported or SocketError.AddressNotAvailable)
            {
                return Bind(IPAddress.Any.ToString(), port, ListenAddressFamily.IPv4, datagram);
            }

            string what = datagram ? "UDP port" : "Port";
            throw e.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => new TlsServerException(ErrorIds.PortInUse, ErrorKind.ResourceUnavailable,
                    $"{what} {port} on {Display(endPoint.Address, any)} is already in use; choose another -Port, or 0 for any free port.", port, e),
                SocketError.AccessDenied => new TlsServerException(ErrorIds.PortAccessDenied, ErrorKind.PermissionDenied,
                    $"Listening on port {port} is not permitted for this user; choose a port above 1023.", port, e),
                SocketError.AddressNotAvailable => TlsServerException.Invalid(ErrorIds.AddressNotAvailable,
                    $"The address {endPoint.Address} is not an address of this machine.", address, e),
                SocketError.AddressFamilyNotSupported => new TlsServerException(ErrorIds.AddressFamilyNotSupported, ErrorKind.ResourceUnavailable,
                    $"This machine has no {family} support; choose another -AddressFamily.", family, e),
                _ => new TlsServerException(ErrorIds.ListenFailed, ErrorKind.ResourceUnavailable,
                    $"Cannot listen on {endPoint}: {e.Message}", endPoint, e),
            };
        }
    }

    private static IPAddress Resolve(string? address, ListenAddressFamily family, out bool any)
    {
        any = string.IsNullOrEmpty(address) || address == "*";
        if (any)
        {
            return family switch
            {
                ListenAddressFamily.IPv4 => IPAddress.Any,
                ListenAddressFamily.IPv6 => IPAddress.IPv6Any,
                _ => Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any,
            };
        }

        string host = address!.StartsWith('[') && address.EndsWith(']') ? address[1..^1] : address;
        if (IPAddress.TryParse(host, out var ip))
        {
            return Fits(ip, family) ? ip : throw FamilyMismatch(address, family);
        }

        IPAddress[] addresses;
        try
        {
            addresses = Dns.GetHostAddresses(host);
        }
        catch (Exception e) when (e is SocketException or InvalidOperationException or ArgumentException)
        {
            throw new TlsServerException(ErrorIds.AddressNotResolved, ErrorKind.ObjectNotFound,
                $"The host name '{host}' cannot be resolved to an address.", address, e);
        }

        var fitting = addresses.Where(a => Fits(a, family)).ToList();
        return fitting.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? fitting.FirstOrDefault()
            ?? throw (addresses.Length == 0
                ? new TlsServerException(ErrorIds.AddressNotResolved, ErrorKind.ObjectNotFound, $"The host name '{host}' has no address.", address)
                : FamilyMismatch(address, family));
    }

    private static bool Fits(IPAddress ip, ListenAddressFamily family) => family switch
    {
        ListenAddressFamily.IPv4 => ip.AddressFamily == AddressFamily.InterNetwork,
        ListenAddressFamily.IPv6 => ip.AddressFamily == AddressFamily.InterNetworkV6,
        _ => true,
    };

    private static TlsServerException FamilyMismatch(string address, ListenAddressFamily family) =>
        new(ErrorIds.AddressFamilyMismatch, ErrorKind.InvalidArgument,
            $"'{address}' has no {family} address; give an {family} address or host name, or drop -AddressFamily.", address);

    private static string Display(IPAddress address, bool any) => any ? "every address" : address.ToString();
}
