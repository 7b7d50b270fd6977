using TlsServer.Engine.Runtime;

namespace TlsServer.Engine;

/// <summary>
/// A snapshot of one connection: what was negotiated, how much crossed, and how it ended. Its shape is made to read
/// and to serialize: names rather than enum numbers, endpoints as text, the server as a reference, and certificates
/// as <see cref="TlsCertificate"/>s, so ConvertTo-Json writes it whole at its default depth.
/// </summary>
public sealed partial class Session
{
    internal Session(SessionRecord r)
    {
        Id = r.Id;
        Server = new ServerReference(r.Server.Id, r.Server.Name);
        RemoteEndPoint = Text(r.RemoteEndPoint);
        LocalEndPoint = Text(r.LocalEndPoint);
        State = r.State.ToString();
        HandshakeCompleted = r.HandshakeCompleted;
        Protocol = r.Protocol?.ToString();
        CipherSuite = r.CipherSuite;
        CipherSuiteOpenSsl = r.CipherSuiteOpenSsl;
        CipherSuiteId = r.CipherSuiteId;
        NamedGroup = r.NamedGroup;
        ServerName = r.ServerName;
        ApplicationProtocol = r.ApplicationProtocol;
        ClientCertificate = TlsCertificate.From(r.ClientCertificate);
        ClientCertificateChain = TlsCertificate.From(r.ClientCertificateChain);
        ClientVerifyResult = r.ClientVerifyResult;
        Resumed = r.Resumed;
        SecureRenegotiation = r.SecureRenegotiation;
        SessionId = r.SessionId;
        OfferedCipherSuites = r.OfferedCipherSuites;
        BytesReceived = r.BytesReceived;
        BytesSent = r.BytesSent;
        StartTime = r.StartTime;
        EndTime = r.EndTime;
        Alert = r.Alert;
        Error = r.Error;
        ServerCertificate = TlsCertificate.From(r.ServerCertificate);
        SignatureScheme = r.SignatureScheme;
        var activity = r.Activity;
        ResumedBy = activity.ResumedBy?.ToString();
        TicketIssued = activity.TicketIssued;
        KeyUpdatesSent = activity.KeyUpdatesSent;
        KeyUpdatesReceived = activity.KeyUpdatesReceived;
        RenegotiationsRefused = activity.RenegotiationsRefused;
        Renegotiations = activity.Renegotiations;
        PlaintextBytesSent = activity.PlaintextBytesSent;
        Actions = activity.Actions;
        CopyExtensions(r);
        ExtendedMasterSecret = r.ExtendedMasterSecret;
        EncryptThenMac = r.EncryptThenMac;
        UnreadBytes = r.Received?.Count ?? 0;
        PskIdentity = r.PskIdentity;
        SrpUser = r.SrpUser;
        FaultsApplied = r.Faults?.Snapshot(applied: true) ?? Array.Empty<TlsFaultEvent>();
        FaultsSkipped = r.Faults?.Snapshot(applied: false) ?? Array.Empty<TlsFaultEvent>();
    }

    public long Id { get; }

    /// <summary>The server that accepted the connection, by id and name (Get-TlsServer -Id gives the server itself).</summary>
    public ServerReference Server { get; }

    /// <summary>The client's address and port, e.g. 127.0.0.1:50000 or [::1]:50000 (an IPv4 client of a dual-stack server as IPv4); null on a Unix socket.</summary>
    public string? RemoteEndPoint { get; }

    /// <summary>The server's address and port the client reached.</summary>
    public string? LocalEndPoint { get; }

    /// <summary>A <see cref="SessionState"/> name: Handshaking, Established, Closed or Failed.</summary>
    public string State { get; }

    /// <summary>True once the handshake completed, also after the connection has ended.</summary>
    public bool HandshakeCompleted { get; }

    /// <summary>A <see cref="TlsProtocol"/> name, e.g. Tls13 or Dtls12; null before the version is agreed.</summary>
    public string? Protocol { get; }

    /// <summary>The IANA name, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256.</summary>
    public string? CipherSuite { get; }

    /// <summary>OpenSSL's name, e.g. ECDHE-RSA-AES128-GCM-SHA256.</summary>
    public string? CipherSuiteOpenSsl { get; }

    public int? CipherSuiteId { get; }

    /// <summary>The key exchange group, e.g. x25519 or secp256r1.</summary>
    public string? NamedGroup { get; }

    /// <summary>The host name the client asked for (SNI).</summary>
    public string? ServerName { get; }

    /// <summary>The ALPN protocol selected, if any.</summary>
    public string? ApplicationProtocol { get; }

    public TlsCertificate? ClientCertificate { get; }

    /// <summary>The certificates the client sent, its own first (empty when it sent none).</summary>
    public IReadOnlyList<TlsCertificate> ClientCertificateChain { get; }

    /// <summary>How the client's chain verified, in OpenSSL's terms; null when no certificate was sent or asked for.</summary>
    public CertificateVerifyResult? ClientVerifyResult { get; }

    public bool Resumed { get; }

    /// <summary>Whether the client signalled RFC 5746 secure renegotiation (TLS 1.2 and older; null for TLS 1.3).</summary>
    public bool? SecureRenegotiation { get; }

    /// <summary>The TLS session id, as hex.</summary>
    public string? SessionId { get; }

    /// <summary>The cipher suites the client offered, in its order (IANA names).</summary>
    public IReadOnlyList<string> OfferedCipherSuites { get; }

    public long BytesReceived { get; }

    public long BytesSent { get; }

    public DateTimeOffset StartTime { get; }

    public DateTimeOffset? EndTime { get; }

    /// <summary>The alert that ended the connection, or the last alert seen.</summary>
    public TlsAlert? Alert { get; }

    /// <summary>Why the connection failed or ended, in words.</summary>
    public string? Error { get; }

    /// <summary>The certificate the server presented: which credential served the client (SNI, RSA or ECDSA). Null when anonymous.</summary>
    public TlsCertificate? ServerCertificate { get; }

    /// <summary>The scheme the server signed its key exchange with, e.g. rsa_pss_rsae_sha256 or ecdsa_secp256r1_sha256.</summary>
    public string? SignatureScheme { get; }
    /// <summary>How the session was resumed, a <see cref="ResumptionMethod"/> name (SessionId or Ticket); null for a full handshake.</summary>
    public string? ResumedBy { get; }

    /// <summary>True when the server issued a TLS 1.2 session ticket in this handshake.</summary>
    public bool TicketIssued { get; }

    /// <summary>TLS 1.3 KeyUpdate messages the server sent.</summary>
    public int KeyUpdatesSent { get; }

    /// <summary>TLS 1.3 KeyUpdate messages the client sent.</summary>
    public int KeyUpdatesReceived { get; }

    /// <summary>ClientHellos after the handshake, refused with no_renegotiation.</summary>
    public int RenegotiationsRefused { get; }

    /// <summary>Completed renegotiations and TLS 1.3 post-handshake authentications (Invoke-TlsRenegotiation -RequestClientCertificate, System engine).</summary>
    public int Renegotiations { get; }

    /// <summary>Raw bytes sent under the TLS layer by Send-TlsData -Plaintext.</summary>
    public long PlaintextBytesSent { get; }

    /// <summary>The connected commands done to this session, oldest first (the latest 100).</summary>
    public IReadOnlyList<SessionAction> Actions { get; }
    /// <summary>The extended master secret (RFC 7627) was negotiated.</summary>
    public bool ExtendedMasterSecret { get; }

    /// <summary>Encrypt-then-MAC (RFC 7366) was negotiated, for a CBC suite.</summary>
    public bool EncryptThenMac { get; }

    /// <summary>Interactive mode: bytes the client sent that Receive-TlsData has not read yet.</summary>
    public int UnreadBytes { get; }

    /// <summary>The PSK identity the client used (TLS 1.2 ClientKeyExchange or TLS 1.3 pre_shared_key), if any.</summary>
    public string? PskIdentity { get; }

    /// <summary>The SRP user name the client sent, if any.</summary>
    public string? SrpUser { get; }

    /// <summary>The server's faults that changed this connection, in the order they first acted (Start-TlsServer -Fault).</summary>
    public IReadOnlyList<TlsFaultEvent> FaultsApplied { get; }

    /// <summary>The server's faults that did not: not applicable to this handshake, or never reached before it ended.</summary>
    public IReadOnlyList<TlsFaultEvent> FaultsSkipped { get; }

    private static string? Text(System.Net.IPEndPoint? endPoint) =>
        endPoint is { Address.IsIPv4MappedToIPv6: true } ? new System.Net.IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port).ToString() : endPoint?.ToString();

    public override string ToString() => $"{Server.Name}#{Id} {RemoteEndPoint} {State}";
}
