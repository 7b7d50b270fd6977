namespace TlsServer.Engine;

/// <summary>
/// The bounds and defaults of every numeric option, one nested class per Start-TlsServer parameter: the cmdlet's
/// [ValidateRange] and the engine's checks read the same constants. Times are in seconds, as the parameters take them.
/// </summary>
public static class ServerLimits
{
    public static class Port
    {
        public const int Default = 4433;
        public const int Min = 0;
        public const int Max = 65535;
    }

    public static class HandshakeTimeoutSec
    {
        public const int Default = 10;
        public const int Min = 1;
        public const int Max = 3600;
    }

    /// <summary>No default: without it an established connection is never closed for being idle (TCP).</summary>
    public static class IdleTimeoutSec
    {
        public const int Min = 1;
        public const int Max = 86_400;
    }

    /// <summary>Connections open at once; beyond it new ones are closed at once and counted as refused.</summary>
    public static class ConnectionLimit
    {
        public const int Default = 10_000;
        public const int Min = 1;
        public const int Max = 1_000_000;
    }

    /// <summary>s_server -naccept; no default (no limit).</summary>
    public static class MaxConnections
    {
        public const int Min = 1;
        public const int Max = int.MaxValue;
    }

    public static class SessionHistoryLimit
    {
        public const int Default = 1000;
        public const int Min = 1;
        public const int Max = 1_000_000;
    }

    /// <summary>BouncyCastle's floor is 1024.</summary>
    public static class MaxHandshakeMessageSize
    {
        public const int Default = 32_768;
        public const int Min = 1024;
        public const int Max = 16 * 1024 * 1024;
    }

    public static class ReceiveBufferLimit
    {
        public const int Default = 1024 * 1024;
        public const int Min = 1;
        public const int Max = int.MaxValue;
    }

    /// <summary>OpenSSL's SSL_SESSION_CACHE_MAX_SIZE_DEFAULT.</summary>
    public static class SessionCacheSize
    {
        public const int Default = 20 * 1024;
        public const int Min = 1;
        public const int Max = 1_000_000;
    }

    /// <summary>OpenSSL's default session timeout for TLS: two hours.</summary>
    public static class SessionCacheTimeoutSec
    {
        public const int Default = 7200;
        public const int Min = 1;
        public const int Max = 604_800;
    }

    /// <summary>The TLS maximum (2^14), which is also OpenSSL's default max_send_fragment; OpenSSL's floor is 512.</summary>
    public static class MaxSendFragment
    {
        public const int Default = 16_384;
        public const int Min = 512;
        public const int Max = 16_384;
    }

    /// <summary>By default one full record (2^14 plaintext plus expansion) and its header fit in one read.</summary>
    public static class ReadBufferSize
    {
        public const int Default = 16 * 1024 + 2048;
        public const int Min = 1;
        public const int Max = 1024 * 1024;
    }

    /// <summary>DTLS: the link MTU.</summary>
    public static class Mtu
    {
        public const int Default = 1500;
        public const int Min = 256;
        public const int Max = 65535;
    }

    /// <summary>DTLS: associations open at once.</summary>
    public static class AssociationLimit
    {
        public const int Default = 100;
        public const int Min = 1;
        public const int Max = 100_000;
    }

    /// <summary>How long one OCSP request may take.</summary>
    public static class StatusTimeoutSec
    {
        public const int Default = 5;
        public const int Min = 1;
        public const int Max = 300;
    }

    public static class KeyingMaterialLength
    {
        public const int Default = 20;
        public const int Min = 1;
        public const int Max = 16 * 1024;
    }

    /// <summary>Protocol messages one session keeps; later ones are counted, not kept.</summary>
    public static class MessageLimit
    {
        public const int Default = 256;
        public const int Min = 1;
        public const int Max = 100_000;
    }

    /// <summary>OpenSSL's default verify depth is 100.</summary>
    public static class VerifyDepth
    {
        public const int Default = 100;
        public const int Min = 0;
        public const int Max = 1000;
    }

    /// <summary>DTLS: datagrams that may wait for one association before new ones are dropped (no parameter).</summary>
    public const int DatagramQueueLimit = 64;

    /// <summary>DTLS: an association that receives nothing for this long ends, unless -IdleTimeoutSec says otherwise.</summary>
    public const int DefaultAssociationIdleTimeoutSec = 300;

    /// <summary>s_server's default PSK identity (-psk_identity).</summary>
    public const string DefaultPskIdentity = "Client_identity";

    /// <summary>OpenSSL's SSL_MAX_SID_CTX_LENGTH: the most bytes of -SessionContext.</summary>
    public const int MaxSessionContextBytes = 32;

    /// <summary>The most bytes of -SessionIdPrefix: a 32-byte session id keeps at least 8 random bytes.</summary>
    public const int MaxSessionIdPrefixBytes = 24;
}
