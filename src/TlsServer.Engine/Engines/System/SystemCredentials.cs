using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Pkcs;
using TlsServer.Engine.Credentials;

namespace TlsServer.Engine.Engines.Platform;

/// <summary>A credential from the shared credential code as SslStream takes it: a certificate with its private key, and the chain.</summary>
internal static class SystemCredentials
{
    /// <exception cref="TlsServerException">EngineUnsupportedKey for keys .NET cannot hold beside a certificate (Ed25519, Ed448, DSA).</exception>
    public static SslStreamCertificateContextSource Load(ServerCredential credential)
    {
        if (credential.KeyType is not (KeyType.Rsa or KeyType.Ecdsa))
        {
            throw TlsServerException.NotSupported(ErrorIds.EngineUnsupportedKey,
                $"The System engine cannot serve the {credential.KeyType} key of '{credential.Certificate.Subject}': .NET's SslStream signs only "
                + "with RSA and ECDSA keys. Use an RSA or ECDSA certificate, or -Engine BouncyCastle.", credential.Certificate);
        }

        byte[] pkcs8 = PrivateKeyInfoFactory.CreatePrivateKeyInfo(credential.PrivateKey).GetEncoded();
        try
        {
            var leaf = new X509Certificate2(credential.Chain[0].GetEncoded());
            X509Certificate2 withKey;
            if (credential.KeyType == KeyType.Rsa)
            {
                using var rsa = RSA.Create();
                rsa.ImportPkcs8PrivateKey(pkcs8, out _);
                withKey = leaf.CopyWithPrivateKey(rsa);
            }
            else
            {
                using var ecdsa = ECDsa.Create();
                ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
                withKey = leaf.CopyWithPrivateKey(ecdsa);
            }

            var chain = new X509Certificate2Collection(credential.Chain.Skip(1).Select(c => new X509Certificate2(c.GetEncoded())).ToArray());
            return new SslStreamCertificateContextSource(withKey, chain);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }
}

/// <summary>A certificate with its key and the certificates sent after it.</summary>
internal sealed record SslStreamCertificateContextSource(X509Certificate2 Certificate, X509Certificate2Collection Chain);
