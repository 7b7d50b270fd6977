using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Multiplier;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace TlsServer.Engine.Credentials;

/// <summary>Checks that a private key belongs to a certificate's public key.</summary>
internal static class KeyMatch
{
    public static bool Matches(BcCertificate certificate, AsymmetricKeyParameter privateKey)
    {
        var publicKey = certificate.GetPublicKey();
        return (publicKey, privateKey) switch
        {
            (RsaKeyParameters pub, RsaKeyParameters priv) => pub.Modulus.Equals(priv.Modulus),
            (ECPublicKeyParameters pub, ECPrivateKeyParameters priv) =>
                new FixedPointCombMultiplier().Multiply(priv.Parameters.G, priv.D).Normalize().Equals(pub.Q.Normalize()),
            (Ed25519PublicKeyParameters pub, Ed25519PrivateKeyParameters priv) =>
                priv.GeneratePublicKey().GetEncoded().AsSpan().SequenceEqual(pub.GetEncoded()),
            (Ed448PublicKeyParameters pub, Ed448PrivateKeyParameters priv) =>
                priv.GeneratePublicKey().GetEncoded().AsSpan().SequenceEqual(pub.GetEncoded()),
            (DsaPublicKeyParameters pub, DsaPrivateKeyParameters priv) =>
                priv.Parameters.G.ModPow(priv.X, priv.Parameters.P).Equals(pub.Y),
            _ => false,
        };
    }
}
