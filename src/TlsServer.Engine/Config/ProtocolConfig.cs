using TlsServer.Engine.Credentials;


namespace TlsServer.Engine.Config;

/// <summary>What the server negotiates: versions, cipher suites, groups, signature schemes and protocol features.</summary>
/// <param name="Versions">The versions served, in order.</param>
/// <param name="CipherSuites">The suites offered, in the server's order (IANA code points).</param>
/// <param name="Groups">Key exchange groups in the server's order (IANA code points); null when not given (the engine's default).</param>
/// <param name="SignatureSchemes">Schemes the server signs with (TLS code points); null for any its key can make.</param>
/// <param name="ClientSignatureSchemes">Schemes asked of client certificates; null for the default.</param>
/// <param name="Sha1Signatures">Whether TLS 1.2 signatures may use SHA-1 (see <see cref="SecurityLevel.AllowsSha1Signatures"/>).</param>
/// <param name="Dh">Custom DH parameters for TLS 1.2 DHE; null for the named ffdhe groups.</param>
/// <param name="MaxHandshakeMessageSize">Null when not given: <see cref="ServerLimits.MaxHandshakeMessageSize"/>'s default.</param>
internal sealed record ProtocolConfig(
    IReadOnlyList<TlsProtocol> Versions,
    IReadOnlyList<int> CipherSuites,
    IReadOnlyList<int>? Groups,
    bool ServerPreference,
    bool ExtendedMasterSecret,
    bool EncryptThenMac,
    RecordLayerConfig RecordLayer,
    IReadOnlyList<int>? SignatureSchemes,
    IReadOnlyList<int>? ClientSignatureSchemes,
    bool Sha1Signatures,
    DhParameters? Dh,
    int? MaxHandshakeMessageSize);
