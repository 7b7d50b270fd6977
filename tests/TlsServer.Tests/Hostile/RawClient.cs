using System.Net.Sockets;

namespace TlsServer.Tests.Hostile;

/// <summary>A TCP client that says exactly the bytes a test gives it and reports what the server sent back.</summary>
public sealed class RawClient : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public RawClient(int port)
    {
        _socket.Connect("127.0.0.1", port);
        _socket.ReceiveTimeout = 10_000;
    }

    public void Send(ReadOnlySpan<byte> data) => _socket.Send(data);

    /// <summary>Reads until the server closes (or resets) the connection; returns everything it sent.</summary>
    public byte[] ReadToEnd()
    {
        var all = new List<byte>();
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = _socket.Receive(buffer)) > 0)
            {
                all.AddRange(buffer.AsSpan(0, n).ToArray());
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
        }

        return all.ToArray();
    }

    /// <summary>Reads what arrives until <paramref name="count"/> bytes or the server closes.</summary>
    public byte[] Read(int count)
    {
        var all = new List<byte>();
        var buffer = new byte[4096];
        while (all.Count < count)
        {
            int n = _socket.Receive(buffer);
            if (n == 0)
            {
                break;
            }

            all.AddRange(buffer.AsSpan(0, n).ToArray());
        }

        return all.ToArray();
    }

    public void Dispose() => _socket.Dispose();
}
