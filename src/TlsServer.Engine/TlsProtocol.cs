namespace TlsServer.Engine;

/// <summary>A protocol version the server can offer.</summary>
public enum TlsProtocol
{
    Ssl3,
    Tls10,
    Tls11,
    Tls12,
    Tls13,

    /// <summary>DTLS 1.0 over UDP.</summary>
    Dtls10,

    /// <summary>DTLS 1.2 over UDP.</summary>
    Dtls12,
}
