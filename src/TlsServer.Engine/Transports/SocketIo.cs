namespace TlsServer.Engine.Transports;

/// <summary>
/// How a connection reads and writes its socket: the size of each read (s_server -read_buf) and, for testing peers,
/// random short reads and writes (s_server -nbio_test) that cut the byte stream at arbitrary points.
/// </summary>
internal sealed class SocketIo
{
    public const int MaxReadBufferSize = 1024 * 1024;

    public SocketIo(int readBufferSize, bool shortIo)
    {
        ReadBufferSize = readBufferSize;
        ShortIo = shortIo;
    }

    public int ReadBufferSize { get; }

    public bool ShortIo { get; }

    /// <summary>How many bytes the next read from <paramref name="socket"/> asks for; only short I/O asks what it holds.</summary>
    public int ReadLength(System.Net.Sockets.Socket socket) => ShortIo ? Cut(Math.Clamp(socket.Available, 1, ReadBufferSize)) : ReadBufferSize;

    /// <summary>How many of <paramref name="pending"/> bytes the next write sends.</summary>
    public int WriteLength(int pending) => ShortIo ? Cut(pending) : pending;

    private static int Cut(int length) => length > 1 ? Random.Shared.Next(1, length + 1) : length;
}
