using System.Security.Cryptography.X509Certificates;

namespace TlsServer.Engine.Runtime;

/// <summary>
/// What a completed handshake settled (as Go's ConnectionState): each engine fills one when its handshake completes,
/// and the session copies it once. What is seen during a handshake (the ClientHello, offered suites, alerts, the
/// client's chain and its verification, PSK identity, SRP user, OCSP) is recorded as it happens instead, so that a
/// failed handshake reports it too.
/// </summary>
/// <param name="NamedGroup">The key exchange group (or custom DH group) name; null when the engine does not say.</param>
/// <param name="ClientCertificate">The client's certificate as the handshake (or the resumed session) has it.</param>
/// <param name="SessionId">Hex; null when the session has none.</param>
/// <param name="SecureRenegotiation">Whether the client signalled RFC 5746 secure renegotiation; null for TLS 1.3.</param>
/// <param name="ServerCertificate">The certificate the server presented; null when anonymous.</param>
/// <param name="SignatureScheme">The scheme the server signed with; null when it signed nothing or the engine does not say.</param>
/// <param name="KeyingMaterial">Exported with -KeyingMaterialLabel; null without it.</param>
internal sealed record NegotiatedState(
    TlsProtocol? Protocol,
    int CipherSuiteId,
    string CipherSuite,
    string? CipherSuiteOpenSsl,
    string? NamedGroup,
    string? ServerName,
    string? ApplicationProtocol,
    X509Certificate2? ClientCertificate,
    bool Resumed,
    string? SessionId,
    bool ExtendedMasterSecret,
    bool EncryptThenMac,
    bool? SecureRenegotiation,
    X509Certificate2? ServerCertificate,
    string? SignatureScheme,
    byte[]? KeyingMaterial);
