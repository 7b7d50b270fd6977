namespace TlsServer.Engine;

/// <summary>What Invoke-TlsRenegotiation sent.</summary>
public enum RenegotiationMethod
{
    /// <summary>A TLS 1.3 KeyUpdate (s_server's k and K).</summary>
    KeyUpdate,

    /// <summary>A TLS 1.2 HelloRequest only; BouncyCastle cannot complete a renegotiation.</summary>
    HelloRequest,

    /// <summary>A TLS 1.2 renegotiation whose new handshake asks for a client certificate (s_server's R; System engine).</summary>
    Renegotiation,

    /// <summary>A TLS 1.3 CertificateRequest after the handshake (post-handshake auth; System engine).</summary>
    PostHandshakeAuthentication,
}
