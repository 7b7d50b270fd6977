using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace TlsServer.Engine.TestPki;

/// <summary>
/// The private keys of certificates made here, and the certificates each CA has revoked, tied to the certificate
/// objects: entries live exactly as long as the X509Certificate2 does, so no limit is needed. An Ed25519 key, which an
/// X509Certificate2 cannot hold, reaches Start-TlsServer -Certificate this way.
/// </summary>
internal static class IssuedKeys
{
    private static readonly ConditionalWeakTable<X509Certificate2, AsymmetricKeyParameter> Keys = new();
    private static readonly ConditionalWeakTable<X509Certificate2, List<(BigInteger Serial, DateTime When)>> Revocations = new();

    public static void Remember(X509Certificate2 certificate, AsymmetricKeyParameter key) => Keys.AddOrUpdate(certificate, key);

    public static void Revoke(X509Certificate2 signer, BigInteger serial, DateTime when)
    {
        var list = Revocations.GetOrCreateValue(signer);
        lock (list)
        {
            list.Add((serial, when));
        }
    }

    public static IReadOnlyList<(BigInteger Serial, DateTime When)> RevokedBy(X509Certificate2 signer)
    {
        if (!Revocations.TryGetValue(signer, out var list))
        {
            return Array.Empty<(BigInteger, DateTime)>();
        }

        lock (list)
        {
            return list.ToArray();
        }
    }

    /// <summary>The private key made here, or the one .NET holds (RSA, ECDSA, DSA); null when there is none.</summary>
    /// <exception cref="TlsServerException">PrivateKeyNotExportable when .NET holds the key but will not export it.</exception>
    public static AsymmetricKeyParameter? PrivateKeyOf(X509Certificate2 certificate)
    {
        if (Keys.TryGetValue(certificate, out var key))
        {
            return key;
        }

        try
        {
            using AsymmetricAlgorithm? dotnet = (AsymmetricAlgorithm?)certificate.GetRSAPrivateKey()
                ?? (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey()
                ?? certificate.GetDSAPrivateKey();
            return dotnet is null ? null : PrivateKeyFactory.CreateKey(dotnet.ExportPkcs8PrivateKey());
        }
        catch (CryptographicException e)
        {
            throw TlsServerException.Invalid(ErrorIds.PrivateKeyNotExportable,
                $"The private key of '{certificate.Subject}' cannot be exported: {e.Message}", certificate, e);
        }
    }
}
