using System.Text;

namespace TlsServer.Engine.Sessions;

/// <summary>Checks the session cache, context, prefix and ticket options.</summary>
internal static class ResumptionOptionsValidator
{
    /// <summary>OpenSSL's SSL_MAX_SID_CTX_LENGTH.</summary>
    public const int MaxSessionContextBytes = 32;

    /// <summary>Leaves at least 8 random bytes in a 32-byte session id.</summary>
    public const int MaxSessionIdPrefixBytes = 24;

    public static void Validate(ServerOptions o)
    {
        if (o.SessionCacheSize <= 0)
        {
            throw OptionsValidator.Invalid("SessionCacheSizeOutOfRange", "SessionCacheSize must be at least 1.", o.SessionCacheSize);
        }

        if (o.SessionCacheTimeout <= TimeSpan.Zero)
        {
            throw OptionsValidator.Invalid("SessionCacheTimeoutOutOfRange", "The session cache timeout must be positive.", o.SessionCacheTimeout);
        }

        if (o.SessionContext is { } context && (context.Length == 0 || Encoding.UTF8.GetByteCount(context) > MaxSessionContextBytes))
        {
            throw OptionsValidator.Invalid("SessionContextTooLong",
                $"The session context must be 1 to {MaxSessionContextBytes} bytes (UTF-8), as in OpenSSL.", context);
        }

        if (o.SessionIdPrefix is { } prefix && (prefix.Length == 0 || Encoding.UTF8.GetByteCount(prefix) > MaxSessionIdPrefixBytes))
        {
            throw OptionsValidator.Invalid("SessionIdPrefixTooLong",
                $"The session id prefix must be 1 to {MaxSessionIdPrefixBytes} bytes (UTF-8), so that a 32-byte session id keeps at least 8 random bytes.",
                prefix);
        }
    }
}
