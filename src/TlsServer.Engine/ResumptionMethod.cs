namespace TlsServer.Engine;

/// <summary>How a TLS 1.2 (or older) session was resumed.</summary>
public enum ResumptionMethod
{
    /// <summary>From the server's session-ID cache (RFC 5246 7.3).</summary>
    SessionId,

    /// <summary>From a session ticket the server issued (RFC 5077).</summary>
    Ticket,
}
