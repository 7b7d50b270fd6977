namespace TlsServer.Engine;

/// <summary>What Invoke-TlsRenegotiation sent and how the client answered. Nothing here claims a renegotiation.</summary>
public sealed class RenegotiationResult
{
    internal RenegotiationResult(Session session, RenegotiationMethod method, bool updateRequested, bool? peerKeyUpdateReceived,
        HelloRequestResponse? clientResponse, bool? completed = null)
    {
        Completed = completed;
        ClientCertificate = completed is null ? null : session.ClientCertificate;
        Session = session;
        SessionId = session.Id;
        Server = session.Server;
        Protocol = session.Protocol;
        Method = method;
        UpdateRequested = updateRequested;
        PeerKeyUpdateReceived = peerKeyUpdateReceived;
        ClientResponse = clientResponse;
    }

    public long SessionId { get; }

    /// <summary>The session's server, by id and name.</summary>
    public ServerReference Server { get; }

    /// <summary>A <see cref="TlsProtocol"/> name, e.g. Tls13.</summary>
    public string? Protocol { get; }

    public RenegotiationMethod Method { get; }

    /// <summary>KeyUpdate: whether update_requested was set.</summary>
    public bool UpdateRequested { get; }

    /// <summary>KeyUpdate with update_requested: whether the client's own KeyUpdate arrived in time; otherwise null.</summary>
    public bool? PeerKeyUpdateReceived { get; }

    /// <summary>HelloRequest: how the client answered; null for a KeyUpdate.</summary>
    public HelloRequestResponse? ClientResponse { get; }

    /// <summary>Renegotiation and post-handshake auth: whether the exchange finished within the wait; null for the others.</summary>
    public bool? Completed { get; }

    /// <summary>Renegotiation and post-handshake auth: the client certificate the session holds afterwards, if any.</summary>
    public TlsCertificate? ClientCertificate { get; }

    /// <summary>The session after the command (and the wait for the client's answer).</summary>
    public Session Session { get; }

    public override string ToString() => Completed is { } done
        ? $"{Method} on session {SessionId}: {(done ? "completed" : "not completed")}, client certificate {ClientCertificate?.Subject ?? "none"}"
        : Method == RenegotiationMethod.KeyUpdate
        ? $"KeyUpdate on session {SessionId}{(UpdateRequested ? $", peer update {(PeerKeyUpdateReceived == true ? "received" : "not received")}" : string.Empty)}"
        : $"HelloRequest on session {SessionId}: {ClientResponse}";
}
