namespace TlsServer.Engine.Connections;

/// <summary>The outcome of a connection that ended by an exception, counting the limits BouncyCastle enforced.</summary>
internal static class ConnectionFailures
{
    public static ConnectionOutcome Outcome(Exception e, ServerCounters counters)
    {
        if (Limits.IsOversizedHandshakeMessage(e))
        {
            counters.CountOversizedHandshakeMessage();
        }

        return ConnectionOutcome.Failed(ConnectionErrors.Describe(e));
    }
}
