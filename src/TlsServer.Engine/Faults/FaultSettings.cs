namespace TlsServer.Engine.Faults;

/// <summary>What the rest of a server's configuration settled that decides whether a fault can apply.</summary>
/// <param name="Protocols">The versions the server allows, resolved.</param>
/// <param name="ChainLength">The main credential's chain length (leaf included); null without a certificate.</param>
/// <param name="UnixSocket">The server listens on a Unix domain socket (no TCP reset).</param>
/// <param name="NoTicket">-NoTicket: no TLS 1.2 session tickets.</param>
internal sealed record FaultSettings(
    TlsEngine Engine,
    IReadOnlyList<TlsProtocol> Protocols,
    int? ChainLength,
    bool NoCertificate,
    bool UnixSocket,
    TimeSpan HandshakeTimeout,
    bool NoTicket,
    bool NonBlockingTest);
