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

    /// <summary>How many of <paramref name="available"/> bytes the next read or write moves.</summary>
    public int Take(int available) => ShortIo && available > 1 ? Random.Shared.Next(1, available + 1) : available;
}
