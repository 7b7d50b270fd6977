namespace TlsServer.Engine.Config;

/// <summary>Where a server listens: a TCP address and port, a Unix socket path, or UDP for DTLS.</summary>
/// <param name="Kind">Tcp, Unix or Udp (DTLS).</param>
/// <param name="Address">An IP address or host name; null listens on every address.</param>
/// <param name="Dtls">The DTLS settings; null unless <paramref name="Kind"/> is Udp.</param>
/// <param name="Stream">How a byte stream (TCP, Unix) is read and written.</param>
internal sealed record TransportConfig(
    ServerTransport Kind,
    string? Address,
    int Port,
    ListenAddressFamily AddressFamily,
    string? UnixSocket,
    bool Unlink,
    DtlsConfig? Dtls,
    StreamConfig Stream);
