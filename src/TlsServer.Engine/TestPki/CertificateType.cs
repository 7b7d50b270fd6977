namespace TlsServer.Engine.Pki;

/// <summary>What a test certificate is for; a CA signed by another CA is an intermediate.</summary>
public enum CertificateType
{
    /// <summary>A TLS server: serverAuth, with subject alternative names.</summary>
    Server,

    /// <summary>A TLS client: clientAuth.</summary>
    Client,

    /// <summary>A certificate authority: CA:TRUE, keyCertSign and cRLSign.</summary>
    CA,
}
