using System.Security.Cryptography;
using Org.BouncyCastle.Tls.Crypto;

namespace TlsServer.Engine.Engines.BouncyCastle.Crypto;

/// <summary>The hashes TLS uses for its transcript, HMAC and HKDF that .NET computes (OpenSSL underneath on Linux).</summary>
internal static class DotNetHash
{
    public static bool IsSupported(int cryptoHashAlgorithm) =>
        cryptoHashAlgorithm is CryptoHashAlgorithm.sha256 or CryptoHashAlgorithm.sha384;

    public static HashAlgorithmName Name(int cryptoHashAlgorithm) => cryptoHashAlgorithm switch
    {
        CryptoHashAlgorithm.sha256 => HashAlgorithmName.SHA256,
        CryptoHashAlgorithm.sha384 => HashAlgorithmName.SHA384,
        _ => throw new ArgumentOutOfRangeException(nameof(cryptoHashAlgorithm)),
    };

    public static int OutputSize(int cryptoHashAlgorithm) => TlsCryptoUtilities.GetHashOutputSize(cryptoHashAlgorithm);

    public static void HashData(int cryptoHashAlgorithm, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (cryptoHashAlgorithm == CryptoHashAlgorithm.sha256)
        {
            SHA256.HashData(source, destination);
        }
        else
        {
            SHA384.HashData(source, destination);
        }
    }

    public static void HmacData(int cryptoHashAlgorithm, ReadOnlySpan<byte> key, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (cryptoHashAlgorithm == CryptoHashAlgorithm.sha256)
        {
            HMACSHA256.HashData(key, source, destination);
        }
        else
        {
            HMACSHA384.HashData(key, source, destination);
        }
    }
}
