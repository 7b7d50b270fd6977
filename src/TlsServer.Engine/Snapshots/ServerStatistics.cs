using TlsServer.Engine.Runtime;

namespace TlsServer.Engine;

/// <summary>A snapshot of a server's counters, in the spirit of s_server's S command.</summary>
public sealed class ServerStatistics
{
    internal ServerStatistics(ServerCounters c)
    {
        ConnectionsAccepted = Interlocked.Read(ref c.ConnectionsAccepted);
        HandshakesCompleted = Interlocked.Read(ref c.HandshakesCompleted);
        HandshakesFailed = Interlocked.Read(ref c.HandshakesFailed);
        HandshakeTimeouts = Interlocked.Read(ref c.HandshakeTimeouts);
        ActiveConnections = Interlocked.Read(ref c.ActiveConnections);
        BytesReceived = Interlocked.Read(ref c.BytesReceived);
        BytesSent = Interlocked.Read(ref c.BytesSent);
        EventsDropped = Interlocked.Read(ref c.EventsDropped);
        ConnectionsRefused = Interlocked.Read(ref c.ConnectionsRefused);
        IdleTimeouts = Interlocked.Read(ref c.IdleTimeouts);
        OversizedHandshakeMessages = Interlocked.Read(ref c.OversizedHandshakeMessages);
        SessionCacheEntries = c.SessionCacheCount?.Invoke() ?? 0;
        SessionCacheHits = Interlocked.Read(ref c.SessionCacheHits);
        SessionCacheMisses = Interlocked.Read(ref c.SessionCacheMisses);
        SessionCacheTimeouts = Interlocked.Read(ref c.SessionCacheTimeouts);
        SessionCacheFull = Interlocked.Read(ref c.SessionCacheFull);
        TicketsIssued = Interlocked.Read(ref c.TicketsIssued);
        TicketHits = Interlocked.Read(ref c.TicketHits);
        TicketsRejected = Interlocked.Read(ref c.TicketsRejected);
        RenegotiationsRefused = Interlocked.Read(ref c.RenegotiationsRefused);
        HelloRequestsSent = Interlocked.Read(ref c.HelloRequestsSent);
        KeyUpdatesSent = Interlocked.Read(ref c.KeyUpdatesSent);
        KeyUpdatesReceived = Interlocked.Read(ref c.KeyUpdatesReceived);
        HelloVerifyRequests = Interlocked.Read(ref c.HelloVerifyRequests);
        AssociationsRefused = Interlocked.Read(ref c.AssociationsRefused);
        DatagramsDropped = Interlocked.Read(ref c.DatagramsDropped);
    }

    public long ConnectionsAccepted { get; }

    public long HandshakesCompleted { get; }

    /// <summary>Connections that ended before their handshake completed, timeouts included.</summary>
    public long HandshakesFailed { get; }

    public long HandshakeTimeouts { get; }

    public long ActiveConnections { get; }

    public long BytesReceived { get; }

    public long BytesSent { get; }

    /// <summary>Events not delivered because the event queue was full (limit: <see cref="Server.EventQueueLimit"/>).</summary>
    public long EventsDropped { get; }

    /// <summary>Connections closed on arrival because ConnectionLimit were already open; not counted as accepted.</summary>
    public long ConnectionsRefused { get; }

    /// <summary>Established connections closed after IdleTimeout without data.</summary>
    public long IdleTimeouts { get; }

    /// <summary>Handshakes failed because a message was larger than MaxHandshakeMessageSize.</summary>
    public long OversizedHandshakeMessages { get; }
    /// <summary>Sessions in this server's session-ID cache now (s_server S: items in the session cache).</summary>
    public int SessionCacheEntries { get; }

    /// <summary>Sessions resumed from a session-ID cache of this server's context.</summary>
    public long SessionCacheHits { get; }

    /// <summary>Session ids a client offered that no cache of the context held (tickets not counted).</summary>
    public long SessionCacheMisses { get; }

    /// <summary>Cached sessions and tickets offered after their timeout.</summary>
    public long SessionCacheTimeouts { get; }

    /// <summary>Sessions evicted because the cache was full (s_server S: cache full overflows).</summary>
    public long SessionCacheFull { get; }

    public long TicketsIssued { get; }

    /// <summary>Sessions resumed from a TLS 1.2 session ticket (s_server counts these among its cache hits).</summary>
    public long TicketHits { get; }

    /// <summary>Tickets that did not open: another server's or context's key, tampered, or garbage.</summary>
    public long TicketsRejected { get; }

    /// <summary>ClientHellos after the handshake, refused with no_renegotiation (BouncyCastle cannot renegotiate).</summary>
    public long RenegotiationsRefused { get; }

    public long HelloRequestsSent { get; }

    /// <summary>TLS 1.3 KeyUpdate messages sent, asked for by Invoke-TlsRenegotiation or by a client.</summary>
    public long KeyUpdatesSent { get; }

    public long KeyUpdatesReceived { get; }

    /// <summary>DTLS -Listen: ClientHellos answered statelessly with a cookie (HelloVerifyRequest), keeping no state.</summary>
    public long HelloVerifyRequests { get; }

    /// <summary>DTLS: new clients ignored because AssociationLimit associations were already open.</summary>
    public long AssociationsRefused { get; }

    /// <summary>DTLS: datagrams dropped: not a ClientHello from an unknown endpoint, or an association's queue was full.</summary>
    public long DatagramsDropped { get; }

    public override string ToString() =>
        $"accepted={ConnectionsAccepted} completed={HandshakesCompleted} failed={HandshakesFailed} active={ActiveConnections}";
}
