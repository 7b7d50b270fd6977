namespace TlsServer.Engine.Engines;

/// <summary>The post-handshake actions an engine can take; the connected commands refuse the others with a stable error.</summary>
internal sealed record EngineCapabilities(
    bool KeyUpdate,
    bool HelloRequest,
    bool Renegotiation,
    bool PostHandshakeAuthentication,
    bool SendAlert,
    bool Plaintext)
{
    public static readonly EngineCapabilities BouncyCastle = new(
        KeyUpdate: true, HelloRequest: true, Renegotiation: false, PostHandshakeAuthentication: false, SendAlert: true, Plaintext: true);

    /// <summary>SslStream asks for a certificate after the handshake where .NET implements NegotiateClientCertificateAsync.</summary>
    public static readonly EngineCapabilities System = new(
        KeyUpdate: false, HelloRequest: false, Renegotiation: LateClientCertificate, PostHandshakeAuthentication: LateClientCertificate,
        SendAlert: false, Plaintext: true);

    private static bool LateClientCertificate => OperatingSystem.IsLinux() || OperatingSystem.IsWindows() || OperatingSystem.IsFreeBSD();
}
