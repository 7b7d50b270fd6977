using Org.BouncyCastle.Tls;
using TlsServer.Engine.Credentials;

namespace TlsServer.Engine.Tls;

/// <summary>Which suites a credential can serve: TLS 1.3 suites always; older suites only if their authentication matches the key.</summary>
internal static class KeyExchangeFit
{
    public static bool Fits(int suite, KeyType key)
    {
        int kx = TlsUtilities.GetKeyExchangeAlgorithm(suite);
        return kx switch
        {
            KeyExchangeAlgorithm.NULL => true,
            KeyExchangeAlgorithm.ECDHE_ECDSA => key is KeyType.Ecdsa or KeyType.Ed25519 or KeyType.Ed448,
            KeyExchangeAlgorithm.ECDHE_RSA or KeyExchangeAlgorithm.DHE_RSA or KeyExchangeAlgorithm.RSA
                or KeyExchangeAlgorithm.RSA_PSK or KeyExchangeAlgorithm.SRP_RSA => key == KeyType.Rsa,
            KeyExchangeAlgorithm.DHE_DSS or KeyExchangeAlgorithm.SRP_DSS => key == KeyType.Dsa,
            _ => false,
        };
    }

    /// <summary>PSK, DHE_PSK, ECDHE_PSK and SRP suites authenticate by the shared secret alone: no certificate.</summary>
    public static bool IsSharedSecretOnly(int suite) =>
        TlsUtilities.GetKeyExchangeAlgorithm(suite) is KeyExchangeAlgorithm.PSK or KeyExchangeAlgorithm.DHE_PSK
            or KeyExchangeAlgorithm.ECDHE_PSK or KeyExchangeAlgorithm.SRP;

    /// <summary>Anonymous and shared-secret-only suites: the server serves them without a certificate.</summary>
    public static bool NeedsNoCredential(int suite) => IsAnonymous(suite) || IsSharedSecretOnly(suite);

    /// <summary>DH_anon and ECDH_anon suites need no credential.</summary>
    public static bool IsAnonymous(int suite) =>
        TlsUtilities.GetKeyExchangeAlgorithm(suite) is KeyExchangeAlgorithm.DH_anon or KeyExchangeAlgorithm.ECDH_anon;
}
