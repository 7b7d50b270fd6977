namespace TlsServer.Engine.Connections;

/// <summary>
/// How a connection reads and writes its socket: the size of each read (s_server -read_buf) and, for testing peers,
/// random short reads and writes (s_server -nbio_test) that cut the byte stream at arbitrary points.
/// </summary>
internal sealed class SocketIo
{
    /// <summary>One full record (2^14 plaintext plus expansion) and its header fit in one read.</summary>
    public const int DefaultReadBufferSize = 16 * 1024 + 2048;

    public const int MaxReadBufferSize = 1024 * 1024;

    public SocketIo(int readBufferSize, bool shortIo)
    {
        ReadBufferSize = readBufferSize;
        ShortIo = shortIo;
    }

    public int ReadBufferSize { get; }

    public bool ShortIo { get; }

    /// <summary>How many bytes the next read asks for, given how many the socket holds already (0 while waiting).</summary>
    public int ReadLength(int available) => ShortIo ? Cut(Math.Clamp(available, 1, ReadBufferSize)) : ReadBufferSize;

    /// <summary>How many of <paramref name="pending"/> bytes the next write sends.</summary>
    public int WriteLength(int pending) => ShortIo ? Cut(pending) : pending;

    private static int Cut(int length) => length > 1 ? Random.Shared.Next(1, length + 1) : length;
}
