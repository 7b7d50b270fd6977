using System.Security.Cryptography.X509Certificates;

namespace TlsServer.Engine;

/// <summary>
/// Everything a server is told before it starts. <see cref="ServerConfig.Build"/> checks it and freezes what it
/// says; nothing here changes a running server. An option left null was not given: the server's default applies
/// (<see cref="ServerLimits"/>), and an engine that cannot honour the option refuses only a value that was given.
/// </summary>
public sealed class ServerOptions
{
    public string? Name { get; init; }

    /// <summary>An IP address or host name; null, empty or "*" listens on every address (dual stack where the OS allows).</summary>
    public string? Address { get; init; }

    /// <summary>0 picks any free port; <see cref="Server.Port"/> reports the bound one. Null: 4433.</summary>
    public int? Port { get; init; }

    /// <summary>The versions to serve; null: TLS 1.2 and 1.3, or DTLS 1.0 and 1.2 with <see cref="Dtls"/>.</summary>
    public IReadOnlyList<TlsProtocol>? Protocols { get; init; }

    /// <summary>DTLS over UDP (s_server -dtls); without versions named it serves DTLS 1.0 and 1.2.</summary>
    public bool Dtls { get; init; }

    public ServerMode Mode { get; init; } = ServerMode.Interactive;

    /// <summary>The TLS stack: BouncyCastle (every option) or System (.NET's SslStream; renegotiation and post-handshake auth).</summary>
    public TlsEngine Engine { get; init; } = TlsEngine.BouncyCastle;

    /// <summary>The folder served in WwwRoot and HttpRoot modes (s_server -WWW, -HTTP); a full path.</summary>
    public string? DocumentRoot { get; init; }

    /// <summary>Turn each bare LF of data sent to a client into CRLF (s_server -crlf).</summary>
    public bool Crlf { get; init; }

    public string? CertificatePath { get; init; }

    public string? KeyPath { get; init; }

    /// <summary>Password for an encrypted key or PKCS#12 file. The caller owns the array and should clear it after start.</summary>
    public char[]? KeyPassword { get; init; }

    /// <summary>A certificate with its private key; takes the place of the paths.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>How long a client has to complete its handshake; null: 10 s.</summary>
    public TimeSpan? HandshakeTimeout { get; init; }

    /// <summary>Close an established connection that receives nothing for this long; null never closes it.</summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>Connections open at once; beyond it new ones are closed at once and counted as refused.</summary>
    public int? ConnectionLimit { get; init; }

    /// <summary>The largest handshake message a client may send (BouncyCastle's floor is 1024).</summary>
    public int? MaxHandshakeMessageSize { get; init; }

    /// <summary>Bytes a session keeps unread; when full the server stops reading from that client.</summary>
    public int? ReceiveBufferLimit { get; init; }

    /// <summary>Stop after accepting this many connections (s_server -naccept); null for no limit.</summary>
    public int? MaxConnections { get; init; }

    /// <summary>Who started the server (the cmdlets use the runspace id), so an owner can stop just its own.</summary>
    public Guid? OwnerId { get; init; }

    /// <summary>Client certificates: whether to ask, what to trust, how to verify, what to do on failure.</summary>
    public ClientAuthenticationOptions ClientAuthentication { get; init; } = new();

    /// <summary>How many sessions, live and ended, the server keeps for inspection.</summary>
    public int? SessionHistoryLimit { get; init; }

    /// <summary>Lowest version allowed (s_server -min_protocol). With only a range given, it starts from TLS 1.2.</summary>
    public TlsProtocol? MinimumProtocol { get; init; }

    /// <summary>Highest version allowed (s_server -max_protocol).</summary>
    public TlsProtocol? MaximumProtocol { get; init; }

    /// <summary>Versions taken out of the others (s_server -no_tls1 …).</summary>
    public IReadOnlyList<TlsProtocol> ExcludeProtocols { get; init; } = Array.Empty<TlsProtocol>();

    /// <summary>An OpenSSL cipher string for TLS 1.2 and older (s_server -cipher); null for the server's default.</summary>
    public string? Cipher { get; init; }

    /// <summary>TLS 1.3 suites in order (s_server -ciphersuites); null for the default, empty for none.</summary>
    public IReadOnlyList<string>? CipherSuites { get; init; }

    /// <summary>The server's order of suites, groups and signature schemes wins (s_server -serverpref).</summary>
    public bool ServerPreference { get; init; }

    /// <summary>Key exchange groups in order (s_server -groups, -named_curve); null for the default.</summary>
    public IReadOnlyList<string>? Groups { get; init; }

    /// <summary>No ephemeral finite-field DH suites (s_server -no_dhe).</summary>
    public bool NoDhe { get; init; }

    /// <summary>Never negotiate the extended master secret (s_server -no_ems); TLS 1.2 and older.</summary>
    public bool NoExtendedMasterSecret { get; init; }

    /// <summary>Never negotiate encrypt-then-MAC for CBC suites (s_server -no_etm).</summary>
    public bool NoEncryptThenMac { get; init; }

    /// <summary>No dummy ChangeCipherSpec in TLS 1.3 handshakes (s_server -no_middlebox).</summary>
    public bool NoMiddleboxCompatibility { get; init; }

    /// <summary>Plaintext bytes per record at most, 512 to 16384 (s_server -max_send_frag, -split_send_frag).</summary>
    public int? MaxSendFragment { get; init; }

    /// <summary>Bytes read from a client's socket at a time (s_server -read_buf).</summary>
    public int? ReadBufferSize { get; init; }

    /// <summary>Random short reads and writes that cut the byte stream anywhere, to test peers (s_server -nbio_test).</summary>
    public bool NonBlockingTest { get; init; }

    /// <summary>s_server -async (OpenSSL async jobs); refused at start, all I/O here is asynchronous already.</summary>
    public bool Async { get; init; }

    /// <summary>s_server -max_pipelines (OpenSSL engine pipelining); refused at start.</summary>
    public int? MaxPipelines { get; init; }

    /// <summary>s_server -rand (extra RNG seed files); refused at start, the OS CSPRNG takes no seed.</summary>
    public string? RandomSeedPath { get; init; }

    /// <summary>s_server -num_tickets (TLS 1.3 tickets per handshake); refused at start, BouncyCastle has no TLS 1.3 resumption.</summary>
    public int? TicketCount { get; init; }

    /// <summary>s_server -early_data, -max_early_data, -anti_replay (TLS 1.3 0-RTT); refused at start.</summary>
    public bool EarlyData { get; init; }

    /// <summary>s_server -bugs (OpenSSL's peer-bug workarounds); refused at start, BouncyCastle has none to enable.</summary>
    public bool Bugs { get; init; }

    /// <summary>s_server -comp (TLS compression); refused at start, it is insecure (CRIME) and BouncyCastle has none.</summary>
    public bool Compression { get; init; }

    /// <summary>PEM DH parameters for DHE suites (s_server -dhparam).</summary>
    public string? DhParameterPath { get; init; }

    /// <summary>Signature schemes the server signs with, in order (s_server -sigalgs).</summary>
    public IReadOnlyList<string>? SignatureAlgorithms { get; init; }

    /// <summary>Signature schemes asked of client certificates (s_server -client_sigalgs).</summary>
    public IReadOnlyList<string>? ClientSignatureAlgorithms { get; init; }

    /// <summary>A second certificate, e.g. ECDSA beside RSA (s_server -dcert); the suite or scheme picks which one serves.</summary>
    public string? AdditionalCertificatePath { get; init; }

    /// <summary>The key of the second certificate (s_server -dkey); default: its certificate file.</summary>
    public string? AdditionalKeyPath { get; init; }

    /// <summary>Password of the second key (s_server -dpass). The caller owns the array.</summary>
    public char[]? AdditionalKeyPassword { get; init; }

    /// <summary>A second certificate as an object with its private key.</summary>
    public X509Certificate2? AdditionalCertificate { get; init; }

    /// <summary>Extra chain certificates sent after each server certificate (s_server -cert_chain).</summary>
    public string? ChainPath { get; init; }

    /// <summary>Credentials chosen by the name a client asks for (SNI; s_server -servername with -cert2).</summary>
    public IReadOnlyList<ServerNameCredential> ServerNameCredentials { get; init; } = Array.Empty<ServerNameCredential>();

    /// <summary>A name that matches no entry ends the handshake with unrecognized_name (s_server -servername_fatal).</summary>
    public bool ServerNameFatal { get; init; }

    /// <summary>No certificate: anonymous (EC)DH suites only (s_server -nocert).</summary>
    public bool NoCertificate { get; init; }
    /// <summary>s_server -no_cache: no session-ID cache; session ids are empty. Tickets still resume unless NoTicket.</summary>
    public bool NoSessionCache { get; init; }

    /// <summary>The most sessions the session-ID cache keeps; when full the oldest is evicted.</summary>
    public int? SessionCacheSize { get; init; }

    /// <summary>How long a cached session or an issued ticket can be resumed.</summary>
    public TimeSpan? SessionCacheTimeout { get; init; }

    /// <summary>s_server -context: servers of this process with the same context resume each other's sessions.</summary>
    public string? SessionContext { get; init; }

    /// <summary>s_server -id_prefix: new session ids start with these bytes (UTF-8).</summary>
    public string? SessionIdPrefix { get; init; }

    /// <summary>s_server -no_ticket: no TLS 1.2 session tickets.</summary>
    public bool NoTicket { get; init; }

    /// <summary>s_server -no_resumption_on_reneg; accepted, but renegotiation is always refused.</summary>
    public bool NoResumptionOnRenegotiation { get; init; }

    /// <summary>
    /// Resume a TLS 1.2 session made without the extended master secret when the client again offers none, as s_server does.
    /// By default the server refuses with handshake_failure, as RFC 7627 5.3 recommends.
    /// </summary>
    public bool AllowLegacyResumption { get; init; }
    /// <summary>ALPN, OCSP stapling, serverinfo, key log, keying material, extension debug.</summary>
    public ExtensionOptions Extensions { get; init; } = new();

    /// <summary>Protocol messages as objects, trace text, hex dumps.</summary>
    public DiagnosticOptions Diagnostics { get; init; } = new();

    /// <summary>s_server's -accept: "host:port", "*:port", "[::1]:port" or "port"; takes the place of Address and Port.</summary>
    public string? Accept { get; init; }

    /// <summary>Listen on IPv4 only, IPv6 only, or both (s_server -4 / -6).</summary>
    public ListenAddressFamily? AddressFamily { get; init; }

    /// <summary>Listen on this Unix domain socket path instead of TCP (s_server -unix).</summary>
    public string? UnixSocket { get; init; }

    /// <summary>Remove a stale socket file at <see cref="UnixSocket"/> before binding (s_server -unlink).</summary>
    public bool Unlink { get; init; }

    /// <summary>DTLS: answer ClientHellos without a valid cookie statelessly (HelloVerifyRequest) before keeping any state.</summary>
    public bool Listen { get; init; }

    /// <summary>DTLS: the link MTU; datagrams the server sends fit in it after the IP and UDP headers.</summary>
    public int? Mtu { get; init; }

    /// <summary>DTLS: associations open at once; beyond it new clients are ignored and counted.</summary>
    public int? AssociationLimit { get; init; }

    /// <summary>Pre-shared keys, identity → key as hex (s_server -psk, -psk_identity).</summary>
    public IReadOnlyDictionary<string, string>? PreSharedKeys { get; init; }

    /// <summary>The PSK identity hint sent in TLS 1.2 ServerKeyExchange (s_server -psk_hint).</summary>
    public string? PskIdentityHint { get; init; }

    /// <summary>An OpenSSL srpvfile of SRP verifiers (s_server -srpvfile).</summary>
    public string? SrpVerifierPath { get; init; }

    /// <summary>Seed for the parameters of unknown SRP users, so they look like wrong passwords (s_server -srpuserseed).</summary>
    public string? SrpUserSeed { get; init; }

    /// <summary>Ways to misbehave on purpose, applied to every connection (New-TlsFault); checked at start.</summary>
    public IReadOnlyList<TlsFault> Faults { get; init; } = Array.Empty<TlsFault>();
}
