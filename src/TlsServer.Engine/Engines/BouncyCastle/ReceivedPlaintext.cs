using System.Buffers;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>The application data one read yields, in order, gathered in a pooled buffer that grows as needed.</summary>
internal sealed class ReceivedPlaintext : IDisposable
{
    private byte[] _buffer = Array.Empty<byte>();

    public int Count { get; private set; }

    /// <summary>Room for <paramref name="length"/> more bytes after <see cref="Count"/>; <see cref="Advance"/> by what was written.</summary>
    public byte[] Reserve(int length)
    {
        if (_buffer.Length - Count < length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(Count + length, _buffer.Length * 2));
            _buffer.AsSpan(0, Count).CopyTo(larger);
            Release();
            _buffer = larger;
        }

        return _buffer;
    }

    public void Advance(int length) => Count += length;

    public byte[] ToArray() => _buffer.AsSpan(0, Count).ToArray();

    public void Dispose()
    {
        Release();
        _buffer = Array.Empty<byte>();
    }

    private void Release()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}
