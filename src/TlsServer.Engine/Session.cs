using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace TlsServer.Engine;

/// <summary>A snapshot of one connection: what was negotiated, how much crossed, and how it ended.</summary>
public sealed class Session
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
        PskIdentity = r.PskIdentity;
        SrpUser = r.SrpUser;
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

    /// <summary>The PSK identity the client used (TLS 1.2 ClientKeyExchange or TLS 1.3 pre_shared_key), if any.</summary>
    public string? PskIdentity { get; }

    /// <summary>The SRP user name the client sent, if any.</summary>
    public string? SrpUser { get; }

    public override string ToString() => $"{Server.Name}#{Id} {RemoteEndPoint} {State}";
}
