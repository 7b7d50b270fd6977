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

    /// <summary>DTLS -Listen: ClientHellos answered statelessly with a cookie (HelloVerifyRequest), keeping no state.</summary>
    public long HelloVerifyRequests { get; }

    /// <summary>DTLS: new clients ignored because AssociationLimit associations were already open.</summary>
    public long AssociationsRefused { get; }

    /// <summary>DTLS: datagrams dropped: not a ClientHello from an unknown endpoint, or an association's queue was full.</summary>
    public long DatagramsDropped { get; }

    public override string ToString() =>
        $"accepted={ConnectionsAccepted} completed={HandshakesCompleted} failed={HandshakesFailed} active={ActiveConnections}";
}
