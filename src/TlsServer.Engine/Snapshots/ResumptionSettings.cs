namespace TlsServer.Engine;

/// <summary>How a server resumes sessions, frozen at start (s_server -context, -id_prefix, -no_cache, -no_ticket).</summary>
public sealed class ResumptionSettings
{
    /// <summary>What TLS 1.3 clients get: BouncyCastle 2.7 has no TLS 1.3 resumption.</summary>
    public const string Tls13Note =
        "not available: BouncyCastle has no TLS 1.3 session tickets, PSK resumption or 0-RTT, so TLS 1.3 clients always do a full handshake";

    internal ResumptionSettings(Config.ResumptionConfig o)
    {
        SessionCacheEnabled = o.SessionCache;
        SessionCacheSize = o.SessionCacheSize ?? ServerLimits.SessionCacheSize.Default;
        SessionCacheTimeout = o.SessionCacheTimeout ?? TimeSpan.FromSeconds(ServerLimits.SessionCacheTimeoutSec.Default);
        SessionContext = o.SessionContext;
        SessionIdPrefix = o.SessionIdPrefix;
        TicketsEnabled = o.Tickets;
        NoResumptionOnRenegotiation = o.NoResumptionOnRenegotiation;
    }

    /// <summary>False with -NoSessionCache: the server sends empty session ids and keeps no sessions.</summary>
    public bool SessionCacheEnabled { get; }

    /// <summary>The most sessions the session-ID cache keeps; when full, the oldest is evicted.</summary>
    public int SessionCacheSize { get; }

    /// <summary>How long a cached session or a ticket can be resumed.</summary>
    public TimeSpan SessionCacheTimeout { get; }

    /// <summary>Servers of this process with the same context resume each other's sessions; null means this server only.</summary>
    public string? SessionContext { get; }

    public string? SessionIdPrefix { get; }

    /// <summary>TLS 1.2 session tickets (RFC 5077), sealed with a key held in memory.</summary>
    public bool TicketsEnabled { get; }

    /// <summary>Accepted for s_server's -no_resumption_on_reneg; renegotiation is always refused, so it changes nothing.</summary>
    public bool NoResumptionOnRenegotiation { get; }

    public string Tls13Resumption => Tls13Note;

    public override string ToString() =>
        $"cache {(SessionCacheEnabled ? $"{SessionCacheSize} sessions, {SessionCacheTimeout.TotalSeconds:0} s" : "off")}, "
        + $"tickets {(TicketsEnabled ? "on" : "off")}, context {SessionContext ?? "(this server)"}, TLS 1.3: full handshakes only";
}
