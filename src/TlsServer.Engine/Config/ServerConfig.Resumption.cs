using System.Text;
using TlsServer.Engine.Config;

namespace TlsServer.Engine;

/// <summary>The session cache, its context and id prefix, and tickets (s_server -no_cache, -context, -id_prefix, -no_ticket).</summary>
public sealed partial class ServerConfig
{
    private static ResumptionConfig BuildResumption(ServerOptions o)
    {
        if (o.SessionContext is { } context && (context.Length == 0 || Encoding.UTF8.GetByteCount(context) > ServerLimits.MaxSessionContextBytes))
        {
            throw TlsServerException.Invalid(ErrorIds.SessionContextTooLong,
                $"The session context must be 1 to {ServerLimits.MaxSessionContextBytes} bytes (UTF-8), as in OpenSSL.", context);
        }

        if (o.SessionIdPrefix is { } prefix && (prefix.Length == 0 || Encoding.UTF8.GetByteCount(prefix) > ServerLimits.MaxSessionIdPrefixBytes))
        {
            throw TlsServerException.Invalid(ErrorIds.SessionIdPrefixTooLong,
                $"The session id prefix must be 1 to {ServerLimits.MaxSessionIdPrefixBytes} bytes (UTF-8), so that a 32-byte session id keeps at least 8 random bytes.",
                prefix);
        }

        return new ResumptionConfig(!o.NoSessionCache, o.SessionCacheSize, o.SessionCacheTimeout, o.SessionContext, o.SessionIdPrefix,
            !o.NoTicket, o.NoResumptionOnRenegotiation, o.AllowLegacyResumption);
    }
}
