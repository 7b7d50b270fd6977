namespace TlsServer.Engine;

/// <summary>The five kinds of misbehaviour a fault belongs to.</summary>
public enum TlsFaultFamily
{
    /// <summary>Alerts at a chosen point, and ways of ending the connection: no close_notify, a TCP reset, a half-close, a truncated response.</summary>
    AlertsAndCloses,

    /// <summary>How records are cut, packed, inserted, sized and labelled.</summary>
    Records,

    /// <summary>What handshake messages say: signatures, Finished, extensions, HelloRetryRequest, the downgrade sentinel, the certificate chain.</summary>
    HandshakeContent,

    /// <summary>When bytes leave: stalls, a byte-by-byte dribble, silence.</summary>
    Time,

    /// <summary>Messages after the handshake: KeyUpdate, NewSessionTicket, HelloRequest.</summary>
    PostHandshake,
}
