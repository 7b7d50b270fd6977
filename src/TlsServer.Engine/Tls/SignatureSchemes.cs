using Org.BouncyCastle.Tls;
using TlsServer.Engine.Credentials;

namespace TlsServer.Engine.Tls;

/// <summary>Picks, from what the client offered and in its order, a signature scheme the server's key can make.</summary>
internal static class SignatureSchemes
{
    public static SignatureAndHashAlgorithm? Select(TlsServerContext context, ServerCredential credential)
    {
        var version = context.ServerVersion;
        if (!TlsUtilities.IsSignatureAlgorithmsExtensionAllowed(version))
        {
            return null;
        }

        bool tls13 = TlsUtilities.IsTlsV13(version);
        var offered = context.SecurityParameters.ClientSigAlgs
            ?? TlsUtilities.GetDefaultSignatureAlgorithms(LegacySignatureAlgorithm(credential.KeyType));
        foreach (var alg in offered)
        {
            if (CanSign(credential, alg, tls13))
            {
                return alg;
            }
        }

        throw new TlsFatalAlert(AlertDescription.handshake_failure,
            $"The client offers no signature algorithm that the server's {Display(credential.KeyType)} key can make.");
    }

    private static bool CanSign(ServerCredential credential, SignatureAndHashAlgorithm alg, bool tls13)
    {
        short hash = alg.Hash, sig = alg.Signature;
        return credential.KeyType switch
        {
            KeyType.Rsa => IsRsaPssRsae(hash, sig) || (!tls13 && sig == SignatureAlgorithm.rsa && hash != HashAlgorithm.md5),
            KeyType.Ecdsa => sig == SignatureAlgorithm.ecdsa && (tls13 ? hash == CurveHash(credential.CurveBits) : hash >= HashAlgorithm.sha1),
            KeyType.Ed25519 => hash == HashAlgorithm.Intrinsic && sig == SignatureAlgorithm.ed25519,
            KeyType.Ed448 => hash == HashAlgorithm.Intrinsic && sig == SignatureAlgorithm.ed448,
            KeyType.Dsa => !tls13 && sig == SignatureAlgorithm.dsa,
            _ => false,
        };
    }

    private static bool IsRsaPssRsae(short hash, short sig) =>
        hash == HashAlgorithm.Intrinsic && sig is SignatureAlgorithm.rsa_pss_rsae_sha256
            or SignatureAlgorithm.rsa_pss_rsae_sha384 or SignatureAlgorithm.rsa_pss_rsae_sha512;

    private static short CurveHash(int? curveBits) => curveBits switch
    {
        256 => HashAlgorithm.sha256,
        384 => HashAlgorithm.sha384,
        521 => HashAlgorithm.sha512,
        _ => -1,
    };

    private static string Display(KeyType keyType) => keyType switch
    {
        KeyType.Rsa => "RSA",
        KeyType.Ecdsa => "ECDSA",
        KeyType.Dsa => "DSA",
        _ => keyType.ToString(),
    };

    private static short LegacySignatureAlgorithm(KeyType keyType) => keyType switch
    {
        KeyType.Rsa => SignatureAlgorithm.rsa,
        KeyType.Ecdsa => SignatureAlgorithm.ecdsa,
        KeyType.Dsa => SignatureAlgorithm.dsa,
        KeyType.Ed25519 => SignatureAlgorithm.ed25519,
        _ => SignatureAlgorithm.ed448,
    };
}
