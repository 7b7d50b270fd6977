using TlsServer.Engine.Engines;

namespace TlsServer.Engine.CipherSuites;

/// <summary>
/// The TLS 1.2-and-older suites a server offers when not told otherwise: OpenSSL 3's, in its order (`openssl ciphers
/// DEFAULT`), less what BouncyCastle does not implement. The pre-shared key and SRP suites among them serve only with -Psk
/// or -SrpVerifierPath. TLS 1.3's are <see cref="Tls13CipherSuites.Default"/>.
/// </summary>
internal static class DefaultCipherSuites
{
    /// <summary>TLS 1.2 and older: OpenSSL's DEFAULT cipher string, expanded as OpenSSL expands it.</summary>
    public static readonly IReadOnlyList<CipherSuiteInfo> Legacy =
        CipherString.Expand("DEFAULT").Suites.Where(c => ServerEngines.Suites(TlsEngine.BouncyCastle).CannotServe(c) is null).ToArray();
}
