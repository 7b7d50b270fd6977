namespace TlsServer.Engine.Runtime;

/// <summary>The live counters behind <see cref="ServerStatistics"/>; updated with Interlocked only.</summary>
internal sealed class ServerCounters
{
    public long ConnectionsAccepted;
    public long HandshakesCompleted;
    public long HandshakesFailed;
    public long HandshakeTimeouts;
    public long ActiveConnections;
    public long BytesReceived;
    public long BytesSent;
    public long EventsDropped;
    public long ConnectionsRefused;
    public long IdleTimeouts;
    public long OversizedHandshakeMessages;
    public long SessionCacheHits;
    public long SessionCacheMisses;
    public long SessionCacheTimeouts;
    public long SessionCacheFull;
    public long TicketsIssued;
    public long TicketHits;
    public long TicketsRejected;
    public long RenegotiationsRefused;
    public long HelloRequestsSent;
    public long KeyUpdatesSent;
    public long KeyUpdatesReceived;
    public long HelloVerifyRequests;
    public long AssociationsRefused;
    public long DatagramsDropped;

    /// <summary>How many sessions the engine's session-ID cache holds now; null when it has none (-NoSessionCache, System).</summary>
    public Func<int>? SessionCacheCount { get; set; }

    public void CountAccepted()
    {
        Interlocked.Increment(ref ConnectionsAccepted);
        Interlocked.Increment(ref ActiveConnections);
    }

    public void CountEnded(bool handshakeFailed)
    {
        Interlocked.Decrement(ref ActiveConnections);
        if (handshakeFailed)
        {
            Interlocked.Increment(ref HandshakesFailed);
        }
    }

    public void CountHandshakeCompleted() => Interlocked.Increment(ref HandshakesCompleted);

    public void CountHandshakeTimeout() => Interlocked.Increment(ref HandshakeTimeouts);

    public void CountEventDropped() => Interlocked.Increment(ref EventsDropped);

    public void CountRefused() => Interlocked.Increment(ref ConnectionsRefused);

    public void CountIdleTimeout() => Interlocked.Increment(ref IdleTimeouts);

    public void CountOversizedHandshakeMessage() => Interlocked.Increment(ref OversizedHandshakeMessages);

    public void CountHelloVerifyRequest() => Interlocked.Increment(ref HelloVerifyRequests);

    public void CountAssociationRefused() => Interlocked.Increment(ref AssociationsRefused);

    public void CountDatagramDropped() => Interlocked.Increment(ref DatagramsDropped);

    public void AddReceived(int count) => Interlocked.Add(ref BytesReceived, count);

    public void AddSent(int count) => Interlocked.Add(ref BytesSent, count);

    public static void Count(ref long counter, long by = 1) => Interlocked.Add(ref counter, by);
}
