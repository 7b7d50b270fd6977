namespace TlsServer.Engine;

/// <summary>Whether the server asks for a client certificate (s_server -verify / -Verify).</summary>
public enum ClientCertificateMode
{
    /// <summary>No CertificateRequest is sent.</summary>
    None,

    /// <summary>A certificate is asked for; a client without one may continue (s_server -verify).</summary>
    Request,

    /// <summary>A client without a certificate fails the handshake (s_server -Verify).</summary>
    Require,
}
