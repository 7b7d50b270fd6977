using TlsServer.Engine.Runtime;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>The outcome of a connection that ended by an exception, counting the limits BouncyCastle enforced.</summary>
internal static class ConnectionFailures
{
    /// <param name="sent">The alert the session reports (only alerts that reached the socket are reported).</param>
    public static ConnectionOutcome Outcome(Exception e, ServerCounters counters, TlsAlert? sent)
    {
        Count(e, counters);
        return ConnectionOutcome.Failed(ConnectionErrors.Describe(e, sent));
    }

    public static ConnectionOutcome Outcome(Exception e, ServerCounters counters)
    {
        Count(e, counters);
        return ConnectionOutcome.Failed(ConnectionErrors.Describe(e));
    }

    private static void Count(Exception e, ServerCounters counters)
    {
        if (Limits.IsOversizedHandshakeMessage(e))
        {
            counters.CountOversizedHandshakeMessage();
        }
    }
}
