using TlsServer.Engine.Credentials;

namespace TlsServer.Engine.CipherSuites;

/// <summary>Which suites a credential can serve: TLS 1.3 suites always; older suites only if their authentication matches the key.</summary>
internal static class KeyExchangeFit
{
    public static bool Fits(int suite, KeyType key) => Authentication(suite) switch
    {
        CipherAuthentication.Any => true,
        CipherAuthentication.Ecdsa => key is KeyType.Ecdsa or KeyType.Ed25519 or KeyType.Ed448,
        CipherAuthentication.Rsa => key == KeyType.Rsa,
        CipherAuthentication.Dss => key == KeyType.Dsa,
        _ => false,
    };

    /// <summary>PSK, DHE_PSK, ECDHE_PSK and SRP suites authenticate by the shared secret alone: no certificate.</summary>
    public static bool IsSharedSecretOnly(int suite) => Authentication(suite) is CipherAuthentication.Psk or CipherAuthentication.Srp;

    /// <summary>Anonymous and shared-secret-only suites: the server serves them without a certificate.</summary>
    public static bool NeedsNoCredential(int suite) => IsAnonymous(suite) || IsSharedSecretOnly(suite);

    /// <summary>DH_anon and ECDH_anon suites need no credential.</summary>
    public static bool IsAnonymous(int suite) => Authentication(suite) == CipherAuthentication.Null;

    /// <summary>How a suite's server authenticates; null for a suite no table here describes.</summary>
    private static CipherAuthentication? Authentication(int suite) => CipherSuiteCatalog.Get(suite)?.Authentication;
}
