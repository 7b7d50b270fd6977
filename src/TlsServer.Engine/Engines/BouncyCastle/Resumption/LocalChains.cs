using System.Collections.Concurrent;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;

namespace TlsServer.Engine.Engines.BouncyCastle.Resumption;

/// <summary>
/// The server's own certificate chains as tickets carry them, parsed once: a resumed ticket names the chain the full
/// handshake sent, always one of the server's few, and parsing its DER again was a fifteenth of a resumption's CPU.
/// Bounded by <see cref="Limit"/>; past it a chain is parsed each time.
/// </summary>
internal sealed class LocalChains
{
    public const int Limit = 16;

    private readonly ConcurrentDictionary<byte[], Certificate> _parsed = new(ByteContent.Instance);

    /// <summary>The chain whose certificates are <paramref name="encodings"/>, parsed with <paramref name="crypto"/> the first time.</summary>
    public Certificate Get(byte[][] encodings, TlsCrypto crypto)
    {
        byte[] key = Key(encodings);
        if (_parsed.TryGetValue(key, out var chain))
        {
            return chain;
        }

        chain = new Certificate(encodings.Select(crypto.CreateCertificate).ToArray());
        if (_parsed.Count < Limit)
        {
            _parsed.TryAdd(key, chain);
        }

        return chain;
    }

    /// <summary>The DER blocks, each after its length, as one key.</summary>
    private static byte[] Key(byte[][] encodings)
    {
        var key = new byte[encodings.Sum(e => e.Length + sizeof(int))];
        int offset = 0;
        foreach (var encoding in encodings)
        {
            BitConverter.TryWriteBytes(key.AsSpan(offset), encoding.Length);
            encoding.CopyTo(key, offset + sizeof(int));
            offset += encoding.Length + sizeof(int);
        }

        return key;
    }

    private sealed class ByteContent : IEqualityComparer<byte[]>
    {
        public static readonly ByteContent Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] bytes)
        {
            var hash = new HashCode();
            hash.AddBytes(bytes);
            return hash.ToHashCode();
        }
    }
}
