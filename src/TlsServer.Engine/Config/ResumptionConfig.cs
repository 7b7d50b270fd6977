namespace TlsServer.Engine.Config;

/// <summary>How sessions resume (TLS 1.2 and older): the session-ID cache and tickets.</summary>
/// <param name="SessionCacheSize">Null when not given: the engine's default (<see cref="ServerLimits.SessionCacheSize"/>).</param>
/// <param name="SessionCacheTimeout">Null when not given: the engine's default.</param>
internal sealed record ResumptionConfig(
    bool SessionCache,
    int? SessionCacheSize,
    TimeSpan? SessionCacheTimeout,
    string? SessionContext,
    string? SessionIdPrefix,
    bool Tickets,
    bool NoResumptionOnRenegotiation,
    bool AllowLegacyResumption);
