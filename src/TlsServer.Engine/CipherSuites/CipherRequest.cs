using TlsServer.Engine.Credentials;

namespace TlsServer.Engine.CipherSuites;

/// <summary>What is asked of the cipher suites: the strings, and everything that changes what can be served.</summary>
/// <param name="Cipher">An OpenSSL cipher string for TLS 1.2 and older (s_server -cipher); null for the server's default.</param>
/// <param name="Tls13Suites">TLS 1.3 suites in order (s_server -ciphersuites); null for the default, empty for none.</param>
/// <param name="NoCertificate">Anonymous suites only (and PSK or SRP ones).</param>
/// <param name="Psk">Pre-shared keys are given: PSK suites can be served, and join the default.</param>
/// <param name="Srp">SRP users are given: SRP suites can be served, and join the default.</param>
/// <param name="NoDhe">No ephemeral finite-field DH suites.</param>
/// <param name="Versions">The versions served; null for any version (Get-TlsCipherSuite).</param>
/// <param name="Keys">The key types of the server's certificates; null for any key (Get-TlsCipherSuite).</param>
internal sealed record CipherRequest(
    string? Cipher,
    IReadOnlyList<string>? Tls13Suites,
    bool NoCertificate = false,
    bool Psk = false,
    bool Srp = false,
    bool NoDhe = false,
    IReadOnlyList<TlsProtocol>? Versions = null,
    IReadOnlyList<KeyType>? Keys = null);
