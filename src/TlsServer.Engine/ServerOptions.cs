using System.Security.Cryptography.X509Certificates;

namespace TlsServer.Engine;

/// <summary>
/// Everything a server is told before it starts. <see cref="Server.Start"/> validates it and freezes a copy;
/// nothing here changes a running server.
/// </summary>
public sealed class ServerOptions
{
    public const int DefaultPort = 4433;
    public const int DefaultSessionHistoryLimit = 1000;
    public static readonly TimeSpan DefaultHandshakeTimeout = TimeSpan.FromSeconds(10);
    public static readonly IReadOnlyList<TlsProtocol> DefaultProtocols = new[] { TlsProtocol.Tls12, TlsProtocol.Tls13 };

    /// <summary>OpenSSL's default session cache size (SSL_SESSION_CACHE_MAX_SIZE_DEFAULT).</summary>
    public const int DefaultSessionCacheSize = 20 * 1024;

    /// <summary>OpenSSL's default session timeout for TLS.</summary>
    public static readonly TimeSpan DefaultSessionCacheTimeout = TimeSpan.FromHours(2);

    public string? Name { get; init; }

    /// <summary>An IP address or host name; null, empty or "*" listens on every address (dual stack where the OS allows).</summary>
    public string? Address { get; init; }

    /// <summary>0 picks any free port; <see cref="Server.Port"/> reports the bound one.</summary>
    public int Port { get; init; } = DefaultPort;

    public IReadOnlyList<TlsProtocol> Protocols { get; init; } = DefaultProtocols;

    public ServerMode Mode { get; init; } = ServerMode.Interactive;

    public string? CertificatePath { get; init; }

    public string? KeyPath { get; init; }

    /// <summary>Password for an encrypted key or PKCS#12 file. The caller owns the array and should clear it after start.</summary>
    public char[]? KeyPassword { get; init; }

    /// <summary>A certificate with its private key; takes the place of the paths.</summary>
    public X509Certificate2? Certificate { get; init; }

    public TimeSpan HandshakeTimeout { get; init; } = DefaultHandshakeTimeout;

    /// <summary>Stop after accepting this many connections (s_server -naccept); null for no limit.</summary>
    public int? MaxConnections { get; init; }

    /// <summary>Who started the server (the cmdlets use the runspace id), so an owner can stop just its own.</summary>
    public Guid? OwnerId { get; init; }

    /// <summary>How many sessions, live and ended, the server keeps for inspection.</summary>
    public int SessionHistoryLimit { get; init; } = DefaultSessionHistoryLimit;

    /// <summary>s_server -no_cache: no session-ID cache; session ids are empty. Tickets still resume unless NoTicket.</summary>
    public bool NoSessionCache { get; init; }

    /// <summary>The most sessions the session-ID cache keeps; when full the oldest is evicted.</summary>
    public int SessionCacheSize { get; init; } = DefaultSessionCacheSize;

    /// <summary>How long a cached session or an issued ticket can be resumed.</summary>
    public TimeSpan SessionCacheTimeout { get; init; } = DefaultSessionCacheTimeout;

    /// <summary>s_server -context: servers of this process with the same context resume each other's sessions.</summary>
    public string? SessionContext { get; init; }

    /// <summary>s_server -id_prefix: new session ids start with these bytes (UTF-8).</summary>
    public string? SessionIdPrefix { get; init; }

    /// <summary>s_server -no_ticket: no TLS 1.2 session tickets.</summary>
    public bool NoTicket { get; init; }

    /// <summary>s_server -no_resumption_on_reneg; accepted, but renegotiation is always refused.</summary>
    public bool NoResumptionOnRenegotiation { get; init; }
}
