using Org.BouncyCastle.Tls;
using TlsServer.Engine.Credentials;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>Picks, from what the client offered and in its order, a signature scheme the server's key can make.</summary>
internal static class SignatureSchemes
{
    /// <summary>The first scheme both sides allow that the key can make, or null if none.</summary>
    /// <param name="allowed">The server's own list (-SignatureAlgorithm), or null for any.</param>
    /// <param name="serverOrder">Pick in the server's order rather than the client's.</param>
    /// <param name="sha1">Whether SHA-1 may be signed with (RFC 9155 forbids it; the user can allow it, as in OpenSSL).</param>
    public static SignatureAndHashAlgorithm? TryPick(TlsServerContext context, ServerCredential credential,
        IReadOnlyList<SignatureAndHashAlgorithm>? allowed, bool serverOrder, bool sha1)
    {
        bool tls13 = TlsUtilities.IsTlsV13(context.ServerVersion);
        var offered = context.SecurityParameters.ClientSigAlgs
            ?? TlsUtilities.GetDefaultSignatureAlgorithms(LegacySignatureAlgorithm(credential.KeyType));
        var candidates = allowed is null ? offered
            : serverOrder ? allowed.Where(offered.Contains)
            : offered.Where(allowed.Contains);
        return candidates.FirstOrDefault(alg => (sha1 || alg.Hash != HashAlgorithm.sha1) && CanSign(credential, alg, tls13));
    }

    /// <summary>TLS 1.3: the first scheme in order (the client's, or the server's) that one of the credentials can make.</summary>
    public static (ServerCredential Credential, SignatureAndHashAlgorithm Scheme)? PickCredential(TlsServerContext context,
        IReadOnlyList<ServerCredential> credentials, IReadOnlyList<SignatureAndHashAlgorithm>? allowed, bool serverOrder)
    {
        var offered = context.SecurityParameters.ClientSigAlgs ?? new List<SignatureAndHashAlgorithm>();
        var candidates = allowed is null ? offered
            : serverOrder ? allowed.Where(offered.Contains)
            : offered.Where(allowed.Contains);
        foreach (var alg in candidates)
        {
            foreach (var credential in credentials)
            {
                if (CanSign(credential, alg, tls13: true))
                {
                    return (credential, alg);
                }
            }
        }

        return null;
    }

    public static bool CanSign(ServerCredential credential, SignatureAndHashAlgorithm alg, bool tls13)
    {
        short hash = alg.Hash, sig = alg.Signature;
        return credential.KeyType switch
        {
            KeyType.Rsa => IsRsaPssRsae(hash, sig) || (!tls13 && sig == SignatureAlgorithm.rsa && IsSignatureHash(hash)),
            KeyType.Ecdsa => sig == SignatureAlgorithm.ecdsa && (tls13 ? hash == CurveHash(credential.CurveBits) : IsSignatureHash(hash)),
            KeyType.Ed25519 => hash == HashAlgorithm.Intrinsic && sig == SignatureAlgorithm.ed25519,
            KeyType.Ed448 => hash == HashAlgorithm.Intrinsic && sig == SignatureAlgorithm.ed448,
            KeyType.Dsa => !tls13 && sig == SignatureAlgorithm.dsa && IsSignatureHash(hash),
            _ => false,
        };
    }

    /// <summary>The assigned hashes a TLS 1.2 signature may use: SHA-1 to SHA-512. MD5 is out (RFC 9155); unassigned codes have no signer.</summary>
    private static bool IsSignatureHash(short hash) => hash is >= HashAlgorithm.sha1 and <= HashAlgorithm.sha512;

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
