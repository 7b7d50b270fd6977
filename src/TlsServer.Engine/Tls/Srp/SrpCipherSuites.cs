using Org.BouncyCastle.Tls;
using TlsServer.Engine.Credentials;

namespace TlsServer.Engine.Tls.Srp;

/// <summary>The SRP suites (RFC 5054) a server with -SrpVerifierPath adds; all are TLS 1.2 and older, CBC with SHA-1.</summary>
internal static class SrpCipherSuites
{
    public static readonly int[] All =
    {
        CipherSuite.TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA,
        CipherSuite.TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA,
        CipherSuite.TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_SRP_SHA_WITH_AES_256_CBC_SHA,
        CipherSuite.TLS_SRP_SHA_WITH_AES_128_CBC_SHA,
    };

    /// <summary>SRP_RSA and SRP_DSS also sign with the server's key, so they need a key of that kind.</summary>
    public static bool Fits(int suite, KeyType key) => TlsUtilities.GetKeyExchangeAlgorithm(suite) switch
    {
        KeyExchangeAlgorithm.SRP_RSA => key == KeyType.Rsa,
        KeyExchangeAlgorithm.SRP_DSS => key == KeyType.Dsa,
        _ => true,
    };
}
