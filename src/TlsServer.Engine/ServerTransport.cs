namespace TlsServer.Engine;

/// <summary>What a server listens on.</summary>
public enum ServerTransport
{
    /// <summary>TLS over TCP.</summary>
    Tcp,

    /// <summary>DTLS over UDP.</summary>
    Udp,

    /// <summary>TLS over a Unix domain stream socket.</summary>
    Unix,
}
