using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace TlsServer.Engine.Runtime;

/// <summary>The live, mutable state of one connection. Every write holds the lock; <see cref="Snapshot"/> copies it.</summary>
internal sealed partial class SessionRecord
{
    private const int CloseNotify = 0;

    private readonly object _gate = new();
    private long _bytesReceived;
    private long _bytesSent;

    public SessionRecord(Server server, long id, IPEndPoint? remote, IPEndPoint? local)
    {
        Server = server;
        Id = id;
        RemoteEndPoint = remote;
        LocalEndPoint = local;
        StartTime = DateTimeOffset.Now;
    }

    public Server Server { get; }
    public long Id { get; }
    public IPEndPoint? RemoteEndPoint { get; }
    public IPEndPoint? LocalEndPoint { get; }
    public DateTimeOffset StartTime { get; }

    public SessionState State { get; private set; } = SessionState.Handshaking;
    public bool HandshakeCompleted { get; private set; }
    public TlsProtocol? Protocol { get; private set; }
    public string? CipherSuite { get; private set; }
    public string? CipherSuiteOpenSsl { get; private set; }
    public int? CipherSuiteId { get; private set; }
    public string? NamedGroup { get; private set; }
    public string? ServerName { get; private set; }
    public string? ApplicationProtocol { get; private set; }
    public X509Certificate2? ClientCertificate { get; private set; }
    public IReadOnlyList<X509Certificate2> ClientCertificateChain { get; private set; } = Array.Empty<X509Certificate2>();
    public CertificateVerifyResult? ClientVerifyResult { get; private set; }
    public bool Resumed { get; private set; }
    public string? SessionId { get; private set; }
    public IReadOnlyList<string> OfferedCipherSuites { get; private set; } = Array.Empty<string>();
    public bool? SecureRenegotiation { get; private set; }
    public DateTimeOffset? EndTime { get; private set; }
    public TlsAlert? Alert { get; private set; }
    public string? Error { get; private set; }
    public X509Certificate2? ServerCertificate { get; private set; }
    public string? SignatureScheme { get; private set; }

    /// <summary>Resumption, key updates, renegotiation attempts and connected commands.</summary>
    public SessionActivity Activity { get; } = new();
    public bool ExtendedMasterSecret { get; private set; }
    public bool EncryptThenMac { get; private set; }

    /// <summary>Interactive mode: what the client sent and nobody has read yet; null in other modes.</summary>
    public Applications.ReceiveBuffer? Received { get; set; }
    public string? PskIdentity { get; private set; }
    public string? SrpUser { get; private set; }

    /// <summary>What the server's faults did on this connection; null on a server without faults.</summary>
    public Faults.FaultLog? Faults { get; set; }

    public long BytesReceived => Interlocked.Read(ref _bytesReceived);
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public bool IsEnded
    {
        get { lock (_gate) { return State is SessionState.Closed or SessionState.Failed; } }
    }

    public void AddReceived(int count) => Interlocked.Add(ref _bytesReceived, count);

    public void AddSent(int count) => Interlocked.Add(ref _bytesSent, count);

    public void SetOffered(IReadOnlyList<string> suites)
    {
        lock (_gate) { OfferedCipherSuites = suites; }
    }

    public void SetPskIdentity(string identity)
    {
        lock (_gate) { PskIdentity = identity; }
    }

    public void SetSrpUser(string? user)
    {
        lock (_gate) { SrpUser = user; }
    }

    /// <summary>The handshake completed: what it settled, copied once.</summary>
    public void SetEstablished(NegotiatedState p)
    {
        lock (_gate)
        {
            HandshakeCompleted = true;
            State = SessionState.Established;
            Protocol = p.Protocol;
            CipherSuiteId = p.CipherSuiteId;
            CipherSuite = p.CipherSuite;
            CipherSuiteOpenSsl = p.CipherSuiteOpenSsl;
            NamedGroup = p.NamedGroup;
            ServerName = p.ServerName;
            ApplicationProtocol = p.ApplicationProtocol;
            ClientCertificate ??= p.ClientCertificate;
            Resumed = p.Resumed;
            SessionId = p.SessionId;
            ExtendedMasterSecret = p.ExtendedMasterSecret;
            EncryptThenMac = p.EncryptThenMac;
            SecureRenegotiation = p.SecureRenegotiation;
            ServerCertificate = p.ServerCertificate;
            SignatureScheme = p.SignatureScheme;
            KeyingMaterial = p.KeyingMaterial;
        }
    }

    public void SetClientCertificate(IReadOnlyList<X509Certificate2> chain, CertificateVerifyResult result)
    {
        lock (_gate)
        {
            ClientCertificate = chain[0];
            ClientCertificateChain = chain;
            ClientVerifyResult = result;
        }
    }

    public void SetAlert(TlsAlert alert)
    {
        lock (_gate)
        {
            // Keep the alert that ended the connection: a fatal one, or the first close_notify (not our reply to it).
            if (Alert is null || (!Alert.Fatal && Alert.Code != CloseNotify) || (alert.Fatal && !Alert.Fatal))
            {
                Alert = alert;
            }
        }
    }

    /// <summary>Ends the session once; later calls change nothing. Returns true for the call that ended it.</summary>
    public bool End(bool failed, string? error)
    {
        lock (_gate)
        {
            if (State is SessionState.Closed or SessionState.Failed)
            {
                return false;
            }

            State = failed ? SessionState.Failed : SessionState.Closed;
            Error ??= error;
            EndTime = DateTimeOffset.Now;
            Activity.OnEnded();
            Faults?.OnEnded();
            return true;
        }
    }

    public Session Snapshot()
    {
        lock (_gate)
        {
            return new Session(this);
        }
    }
}
