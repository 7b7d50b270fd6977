using TlsServer.Engine.Registry;

namespace TlsServer.Engine.CipherSuites;

/// <summary>The SRP suites (RFC 5054) a server with -SrpVerifierPath adds; all are TLS 1.2 and older, CBC with SHA-1.</summary>
internal static class SrpCipherSuites
{
    public static readonly int[] All = IanaCipherSuites.Ids(
        "TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA",
        "TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA",
        "TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA",
        "TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA",
        "TLS_SRP_SHA_WITH_AES_256_CBC_SHA",
        "TLS_SRP_SHA_WITH_AES_128_CBC_SHA");
}
