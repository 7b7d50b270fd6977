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
    public const int DefaultConnectionLimit = 10_000;
    public const int DefaultMaxHandshakeMessageSize = 32_768;
    public const int DefaultReceiveBufferLimit = 1024 * 1024;
    public static readonly TimeSpan DefaultHandshakeTimeout = TimeSpan.FromSeconds(10);
    public static readonly IReadOnlyList<TlsProtocol> DefaultProtocols = new[] { TlsProtocol.Tls12, TlsProtocol.Tls13 };

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

    /// <summary>Close an established connection that receives nothing for this long; null never closes it.</summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>Connections open at once; beyond it new ones are closed at once and counted as refused.</summary>
    public int ConnectionLimit { get; init; } = DefaultConnectionLimit;

    /// <summary>The largest handshake message a client may send (BouncyCastle's floor is 1024).</summary>
    public int MaxHandshakeMessageSize { get; init; } = DefaultMaxHandshakeMessageSize;

    /// <summary>Bytes a session keeps unread; when full the server stops reading from that client.</summary>
    public int ReceiveBufferLimit { get; init; } = DefaultReceiveBufferLimit;

    /// <summary>Stop after accepting this many connections (s_server -naccept); null for no limit.</summary>
    public int? MaxConnections { get; init; }

    /// <summary>Who started the server (the cmdlets use the runspace id), so an owner can stop just its own.</summary>
    public Guid? OwnerId { get; init; }

    /// <summary>How many sessions, live and ended, the server keeps for inspection.</summary>
    public int SessionHistoryLimit { get; init; } = DefaultSessionHistoryLimit;

    public const int DefaultMtu = 1500;
    public const int DefaultAssociationLimit = 100;
    public const int DefaultDatagramQueueLimit = 64;
    public const string DefaultPskIdentity = "Client_identity";
    public static readonly TimeSpan DefaultAssociationIdleTimeout = TimeSpan.FromMinutes(5);

    /// <summary>s_server's -accept: "host:port", "*:port", "[::1]:port" or "port"; takes the place of Address and Port.</summary>
    public string? Accept { get; init; }

    /// <summary>Listen on IPv4 only, IPv6 only, or both (s_server -4 / -6).</summary>
    public ListenAddressFamily AddressFamily { get; init; } = ListenAddressFamily.Any;

    /// <summary>Listen on this Unix domain socket path instead of TCP (s_server -unix).</summary>
    public string? UnixSocket { get; init; }

    /// <summary>Remove a stale socket file at <see cref="UnixSocket"/> before binding (s_server -unlink).</summary>
    public bool Unlink { get; init; }

    /// <summary>DTLS: answer ClientHellos without a valid cookie statelessly (HelloVerifyRequest) before keeping any state.</summary>
    public bool Listen { get; init; }

    /// <summary>DTLS: the link MTU; datagrams the server sends fit in it after the IP and UDP headers.</summary>
    public int Mtu { get; init; } = DefaultMtu;

    /// <summary>DTLS: associations open at once; beyond it new clients are ignored and counted.</summary>
    public int AssociationLimit { get; init; } = DefaultAssociationLimit;

    /// <summary>Pre-shared keys, identity → key as hex (s_server -psk, -psk_identity).</summary>
    public IReadOnlyDictionary<string, string>? PreSharedKeys { get; init; }

    /// <summary>The PSK identity hint sent in TLS 1.2 ServerKeyExchange (s_server -psk_hint).</summary>
    public string? PskIdentityHint { get; init; }

    /// <summary>An OpenSSL srpvfile of SRP verifiers (s_server -srpvfile).</summary>
    public string? SrpVerifierPath { get; init; }

    /// <summary>Seed for the parameters of unknown SRP users, so they look like wrong passwords (s_server -srpuserseed).</summary>
    public string? SrpUserSeed { get; init; }
}
