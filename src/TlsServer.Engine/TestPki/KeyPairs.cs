using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using TlsServer.Engine.Pki;

namespace TlsServer.Engine.TestPki;

/// <summary>Makes key pairs: RSA and ECDSA with .NET (fast, native), Ed25519 with BouncyCastle.</summary>
internal static class KeyPairs
{
    public static AsymmetricCipherKeyPair Generate(CertificateKeyAlgorithm algorithm)
    {
        if (algorithm == CertificateKeyAlgorithm.Ed25519)
        {
            var generator = new Ed25519KeyPairGenerator();
            generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
            return generator.GenerateKeyPair();
        }

        using AsymmetricAlgorithm key = algorithm switch
        {
            CertificateKeyAlgorithm.Rsa2048 => RSA.Create(2048),
            CertificateKeyAlgorithm.Rsa3072 => RSA.Create(3072),
            CertificateKeyAlgorithm.Rsa4096 => RSA.Create(4096),
            CertificateKeyAlgorithm.EcdsaP384 => ECDsa.Create(ECCurve.NamedCurves.nistP384),
            CertificateKeyAlgorithm.EcdsaP521 => ECDsa.Create(ECCurve.NamedCurves.nistP521),
            _ => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        };
        return new AsymmetricCipherKeyPair(
            PublicKeyFactory.CreateKey(key.ExportSubjectPublicKeyInfo()),
            PrivateKeyFactory.CreateKey(key.ExportPkcs8PrivateKey()));
    }

    /// <summary>The signature algorithm a key signs certificates and CRLs with, its hash matched to its strength.</summary>
    public static string SignatureAlgorithm(AsymmetricKeyParameter signingKey) => signingKey switch
    {
        RsaKeyParameters => "SHA256WithRSA",
        ECPrivateKeyParameters ec when ec.Parameters.Curve.FieldSize > 384 => "SHA512WithECDSA",
        ECPrivateKeyParameters ec when ec.Parameters.Curve.FieldSize > 256 => "SHA384WithECDSA",
        ECPrivateKeyParameters => "SHA256WithECDSA",
        Ed25519PrivateKeyParameters => "Ed25519",
        Ed448PrivateKeyParameters => "Ed448",
        DsaPrivateKeyParameters => "SHA256WithDSA",
        _ => throw TlsServerException.Invalid(ErrorIds.KeyTypeNotSupported,
            $"A key of type {signingKey.GetType().Name} cannot sign certificates."),
    };
}
