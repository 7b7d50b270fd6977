using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace TlsServer.Engine;

/// <summary>A snapshot of one connection: what was negotiated, how much crossed, and how it ended.</summary>
public sealed partial class Session
{
    internal Session(Sessions.SessionRecord r)
    {
        Id = r.Id;
        Server = r.Server;
        ServerId = r.Server.Id;
        RemoteEndPoint = r.RemoteEndPoint;
        LocalEndPoint = r.LocalEndPoint;
        State = r.State;
        HandshakeCompleted = r.HandshakeCompleted;
        Protocol = r.Protocol;
        CipherSuite = r.CipherSuite;
        CipherSuiteOpenSsl = r.CipherSuiteOpenSsl;
        CipherSuiteId = r.CipherSuiteId;
        NamedGroup = r.NamedGroup;
        ServerName = r.ServerName;
        ApplicationProtocol = r.ApplicationProtocol;
        ClientCertificate = r.ClientCertificate;
        ClientCertificateChain = r.ClientCertificateChain;
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
        ServerCertificate = r.ServerCertificate;
        SignatureScheme = r.SignatureScheme;
        var activity = r.Activity;
        ResumedBy = activity.ResumedBy;
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

    /// <summary>The server that accepted the connection.</summary>
    public Server Server { get; }

    public int ServerId { get; }

    public IPEndPoint? RemoteEndPoint { get; }

    public IPEndPoint? LocalEndPoint { get; }

    public SessionState State { get; }

    /// <summary>True once the handshake completed, also after the connection has ended.</summary>
    public bool HandshakeCompleted { get; }

    public TlsProtocol? Protocol { get; }

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

    public X509Certificate2? ClientCertificate { get; }

    /// <summary>The certificates the client sent, its own first (empty when it sent none).</summary>
    public IReadOnlyList<X509Certificate2> ClientCertificateChain { get; }

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
    public X509Certificate2? ServerCertificate { get; }

    /// <summary>The scheme the server signed its key exchange with, e.g. rsa_pss_rsae_sha256 or ecdsa_secp256r1_sha256.</summary>
    public string? SignatureScheme { get; }
    /// <summary>How the session was resumed (session-ID cache or ticket); null for a full handshake.</summary>
    public ResumptionMethod? ResumedBy { get; }

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

    public override string ToString() => $"{Server.Name}#{Id} {RemoteEndPoint} {State}";
}
