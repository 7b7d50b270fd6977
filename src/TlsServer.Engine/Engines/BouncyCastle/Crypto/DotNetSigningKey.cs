using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Tls;
using BcHash = Org.BouncyCastle.Tls.HashAlgorithm;
using BcSignature = Org.BouncyCastle.Tls.SignatureAlgorithm;

namespace TlsServer.Engine.Engines.BouncyCastle.Crypto;

/// <summary>
/// The server's RSA or ECDSA private key as a .NET key, which signs a handshake hash in a fraction of the time a
/// managed signature takes. One per server; .NET's OpenSSL-backed keys sign from several threads at once.
/// Schemes it cannot make (RSA with MD5 or SHA-224, TLS 1.0/1.1's MD5+SHA1, PSS with a PSS key, brainpool) are left
/// to BouncyCastle by <see cref="CanSign"/> returning false.
/// </summary>
internal sealed class DotNetSigningKey : IDisposable
{
    private readonly RSA? _rsa;
    private readonly ECDsa? _ecdsa;

    private DotNetSigningKey(RSA? rsa, ECDsa? ecdsa)
    {
        _rsa = rsa;
        _ecdsa = ecdsa;
    }

    /// <summary>The .NET form of an RSA or ECDSA key, or null when the key is of another type or .NET cannot load it.</summary>
    public static DotNetSigningKey? TryCreate(AsymmetricKeyParameter privateKey)
    {
        if (privateKey is not (RsaPrivateCrtKeyParameters or ECPrivateKeyParameters))
        {
            return null;
        }

        byte[] pkcs8 = PrivateKeyInfoFactory.CreatePrivateKeyInfo(privateKey).GetEncoded();
        try
        {
            if (privateKey is RsaPrivateCrtKeyParameters)
            {
                var rsa = RSA.Create();
                rsa.ImportPkcs8PrivateKey(pkcs8, out _);
                return new DotNetSigningKey(rsa, null);
            }

            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return new DotNetSigningKey(null, ecdsa);
        }
        catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    public bool CanSign(SignatureAndHashAlgorithm? algorithm) => algorithm is not null && Scheme(algorithm) is not null;

    /// <summary>Signs an already computed hash as the scheme says, or returns null if the scheme is not one .NET makes here.</summary>
    public byte[]? TrySign(SignatureAndHashAlgorithm? algorithm, byte[] hash)
    {
        if (algorithm is null || Scheme(algorithm) is not { } scheme)
        {
            return null;
        }

        return _ecdsa is not null
            ? _ecdsa.SignHash(hash, DSASignatureFormat.Rfc3279DerSequence)
            : _rsa!.SignHash(hash, scheme.Hash, scheme.Padding!);
    }

    public void Dispose()
    {
        _rsa?.Dispose();
        _ecdsa?.Dispose();
    }

    private (HashAlgorithmName Hash, RSASignaturePadding? Padding)? Scheme(SignatureAndHashAlgorithm algorithm)
    {
        short hash = algorithm.Hash, signature = algorithm.Signature;
        if (_ecdsa is not null)
        {
            // ECDSA signs the hash it is given whatever its length; the scheme only chose how it was computed.
            return signature == BcSignature.ecdsa && hash != BcHash.none ? (default, null) : null;
        }

        if (hash == BcHash.Intrinsic)
        {
            return signature switch
            {
                BcSignature.rsa_pss_rsae_sha256 => (HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
                BcSignature.rsa_pss_rsae_sha384 => (HashAlgorithmName.SHA384, RSASignaturePadding.Pss),
                BcSignature.rsa_pss_rsae_sha512 => (HashAlgorithmName.SHA512, RSASignaturePadding.Pss),
                _ => null,
            };
        }

        if (signature != BcSignature.rsa)
        {
            return null;
        }

        return hash switch
        {
            BcHash.sha1 => (HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1),
            BcHash.sha256 => (HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            BcHash.sha384 => (HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1),
            BcHash.sha512 => (HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1),
            _ => null,
        };
    }
}
