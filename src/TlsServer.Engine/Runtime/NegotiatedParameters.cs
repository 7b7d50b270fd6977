using System.Security.Cryptography.X509Certificates;

namespace TlsServer.Engine.Tls;

/// <summary>What a completed handshake settled, read once from BouncyCastle's SecurityParameters.</summary>
internal sealed record NegotiatedParameters(
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
    bool EncryptThenMac);
