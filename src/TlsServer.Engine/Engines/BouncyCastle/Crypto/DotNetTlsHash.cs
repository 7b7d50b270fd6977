using Org.BouncyCastle.Tls.Crypto;

namespace TlsServer.Engine.Engines.BouncyCastle.Crypto;

/// <summary>
/// A transcript hash on .NET. BouncyCastle forks the transcript (CloneHash) before every hash it takes, and
/// .NET 8's IncrementalHash cannot be cloned, so this keeps the bytes (a handshake's few kilobytes, bounded by
/// the handshake message limit) and hashes them in one call; a fork is a copy.
/// </summary>
internal sealed class DotNetTlsHash : TlsHash
{
    private const int InitialCapacity = 2048;

    private readonly int _algorithm;
    private byte[] _data;
    private int _length;

    public DotNetTlsHash(int cryptoHashAlgorithm)
        : this(cryptoHashAlgorithm, new byte[InitialCapacity], 0)
    {
    }

    private DotNetTlsHash(int cryptoHashAlgorithm, byte[] data, int length)
    {
        _algorithm = cryptoHashAlgorithm;
        _data = data;
        _length = length;
    }

    public void Update(byte[] input, int inOff, int length) => Update(input.AsSpan(inOff, length));

    public void Update(ReadOnlySpan<byte> input)
    {
        if (_length + input.Length > _data.Length)
        {
            Array.Resize(ref _data, Math.Max(_data.Length * 2, _length + input.Length));
        }

        input.CopyTo(_data.AsSpan(_length));
        _length += input.Length;
    }

    /// <summary>The hash of everything since the last reset; then resets, as BouncyCastle's digests do.</summary>
    public byte[] CalculateHash()
    {
        var hash = new byte[DotNetHash.OutputSize(_algorithm)];
        DotNetHash.HashData(_algorithm, _data.AsSpan(0, _length), hash);
        _length = 0;
        return hash;
    }

    public TlsHash CloneHash() =>
        new DotNetTlsHash(_algorithm, _data.AsSpan(0, _length).ToArray(), _length);

    public void Reset() => _length = 0;
}
