using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace TlsServer.Engine.Credentials;

/// <summary>A certificate chain with the private key of its first certificate, checked to match.</summary>
internal sealed class ServerCredential
{
    public ServerCredential(IReadOnlyList<BcCertificate> chain, AsymmetricKeyParameter privateKey)
    {
        if (chain.Count == 0)
        {
            throw new TlsServerException(ErrorIds.CertificateNotFound, ErrorKind.InvalidData, "No certificate was found.");
        }

        Chain = chain;
        PrivateKey = privateKey;
        KeyType = KeyTypeOf(privateKey);
        CurveBits = privateKey is ECPrivateKeyParameters ec ? ec.Parameters.Curve.FieldSize : null;
        Certificate = new X509Certificate2(chain[0].GetEncoded());
    }

    public IReadOnlyList<BcCertificate> Chain { get; }

    public AsymmetricKeyParameter PrivateKey { get; }

    public KeyType KeyType { get; }

    /// <summary>The field size of an ECDSA key (256, 384, 521); TLS 1.3 ties the signature hash to it.</summary>
    public int? CurveBits { get; }

    /// <summary>The leaf certificate, public part only, for display and for clients' trust stores.</summary>
    public X509Certificate2 Certificate { get; }

    private static KeyType KeyTypeOf(AsymmetricKeyParameter key) => key switch
    {
        RsaKeyParameters => KeyType.Rsa,
        ECPrivateKeyParameters => KeyType.Ecdsa,
        Ed25519PrivateKeyParameters => KeyType.Ed25519,
        Ed448PrivateKeyParameters => KeyType.Ed448,
        DsaPrivateKeyParameters => KeyType.Dsa,
        _ => throw new TlsServerException(ErrorIds.KeyTypeNotSupported, ErrorKind.InvalidData,
            $"Keys of type {key.GetType().Name} cannot sign a TLS handshake."),
    };
}
