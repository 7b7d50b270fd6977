namespace TlsServer.Engine;

/// <summary>A protocol version the server can offer.</summary>
public enum TlsProtocol
{
    Ssl3,
    Tls10,
    Tls11,
    Tls12,
    Tls13,
}
