using System.Security.Cryptography;
using Org.BouncyCastle.Tls.Crypto;

namespace TlsServer.Engine.Engines.BouncyCastle.Crypto;

/// <summary>HMAC-SHA256/384 on .NET's IncrementalHash: the key is set once, each MAC returns it to the keyed state.</summary>
internal sealed class DotNetTlsHmac : TlsHmac
{
    private readonly int _algorithm;
    private IncrementalHash? _hmac;

    public DotNetTlsHmac(int cryptoHashAlgorithm) => _algorithm = cryptoHashAlgorithm;

    public int InternalBlockSize => TlsCryptoUtilities.GetHashInternalSize(_algorithm);

    public int MacLength => DotNetHash.OutputSize(_algorithm);

    public void SetKey(byte[] key, int keyOff, int keyLen) => SetKey(key.AsSpan(keyOff, keyLen));

    public void SetKey(ReadOnlySpan<byte> key)
    {
        _hmac?.Dispose();
        _hmac = IncrementalHash.CreateHMAC(DotNetHash.Name(_algorithm), key);
    }

    public void Update(byte[] input, int inOff, int length) => Keyed.AppendData(input, inOff, length);

    public void Update(ReadOnlySpan<byte> input) => Keyed.AppendData(input);

    public byte[] CalculateMac() => Keyed.GetHashAndReset();

    public void CalculateMac(byte[] output, int outOff) => Keyed.GetHashAndReset(output.AsSpan(outOff, MacLength));

    public void Reset()
    {
        if (_hmac is not null)
        {
            Span<byte> discarded = stackalloc byte[MacLength];
            _hmac.GetHashAndReset(discarded);
        }
    }

    private IncrementalHash Keyed => _hmac ?? throw new InvalidOperationException("The HMAC has no key.");
}
