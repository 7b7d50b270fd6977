using Org.BouncyCastle.Tls;

namespace TlsServer.Engine.Tls.Psk;

/// <summary>The TLS 1.2 and older pre-shared key suites a server with -Psk adds, forward-secret ones first.</summary>
internal static class PskCipherSuites
{
    public static readonly int[] All =
    {
        CipherSuite.TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384,
        CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA,
        CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_DHE_PSK_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_DHE_PSK_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_DHE_PSK_WITH_AES_256_CBC_SHA384,
        CipherSuite.TLS_DHE_PSK_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_DHE_PSK_WITH_AES_256_CBC_SHA,
        CipherSuite.TLS_DHE_PSK_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_RSA_PSK_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_RSA_PSK_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_RSA_PSK_WITH_AES_256_CBC_SHA384,
        CipherSuite.TLS_RSA_PSK_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_RSA_PSK_WITH_AES_256_CBC_SHA,
        CipherSuite.TLS_RSA_PSK_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_PSK_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_PSK_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_PSK_WITH_AES_256_CBC_SHA384,
        CipherSuite.TLS_PSK_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_PSK_WITH_AES_256_CBC_SHA,
        CipherSuite.TLS_PSK_WITH_AES_128_CBC_SHA,
    };

    /// <summary>The hash of a TLS 1.3 suite, as BouncyCastle's PRF algorithm; -1 for other suites.</summary>
    public static int Tls13Prf(int suite) => suite switch
    {
        CipherSuite.TLS_AES_256_GCM_SHA384 => PrfAlgorithm.tls13_hkdf_sha384,
        CipherSuite.TLS_AES_128_GCM_SHA256 or CipherSuite.TLS_CHACHA20_POLY1305_SHA256
            or CipherSuite.TLS_AES_128_CCM_SHA256 or CipherSuite.TLS_AES_128_CCM_8_SHA256 => PrfAlgorithm.tls13_hkdf_sha256,
        _ => -1,
    };
}
