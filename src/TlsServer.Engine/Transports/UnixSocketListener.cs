using System.Net.Sockets;

namespace TlsServer.Engine.Transports;

/// <summary>Binds a Unix domain stream socket (s_server -unix), removing a stale socket file only when asked (-unlink).</summary>
internal static class UnixSocketListener
{
    public static Socket Bind(string path, bool unlink)
    {
        if (File.Exists(path) || Directory.Exists(path))
        {
            ClearStalePath(path, unlink);
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
            socket.Listen(512);
            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw e.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => PathExists(path, e),
                SocketError.AccessDenied => new TlsServerException(ErrorIds.UnixSocketAccessDenied, ErrorKind.PermissionDenied,
                    $"Creating the socket '{path}' is not permitted for this user; choose a path in a folder you can write.", path, e),
                _ => new TlsServerException(ErrorIds.ListenFailed, ErrorKind.ResourceUnavailable, $"Cannot listen on '{path}': {e.Message}", path, e),
            };
        }
    }

    /// <summary>Removes the socket file a server left behind; called when the server stops.</summary>
    public static void Remove(string path)
    {
        try
        {
            if ((File.GetAttributes(path) & FileAttributes.Directory) == 0)
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // gone already, or not ours to remove
        }
    }

    private static void ClearStalePath(string path, bool unlink)
    {
        if (IsListening(path))
        {
            throw new TlsServerException(ErrorIds.UnixSocketInUse, ErrorKind.ResourceUnavailable,
                $"Another server is listening on '{path}'; stop it or choose another -UnixSocket path. -Unlink removes only stale sockets.", path);
        }

        if (!unlink)
        {
            throw PathExists(path, null);
        }

        if (Directory.Exists(path))
        {
            throw TlsServerException.Invalid(ErrorIds.UnixSocketPathIsDirectory,
                $"'{path}' is a folder; give the path of a socket file inside it.", path);
        }

        // Like s_server -unlink: remove what is there (nothing listens on it, checked above).
        File.Delete(path);
    }

    private static bool IsListening(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static TlsServerException PathExists(string path, Exception? inner) =>
        new(ErrorIds.UnixSocketPathExists, ErrorKind.ResourceUnavailable,
            $"'{path}' already exists; remove it, add -Unlink to replace a stale socket, or choose another -UnixSocket path.", path, inner);
}
