using Org.BouncyCastle.Tls;
using TlsServer.Engine.Sessions;

namespace TlsServer.Engine.Tls;

/// <summary>
/// BouncyCastle's TlsServerProtocol, opened up for the connected commands: KeyUpdate, HelloRequest and any
/// alert, and told about key updates and renegotiation attempts. None of these members takes a lock: call
/// them only under the connection's writer lock.
/// </summary>
internal sealed class ServerProtocol : TlsServerProtocol
{
    private readonly SessionActivity _activity;
    private readonly ServerCounters _counters;

    public ServerProtocol(SessionActivity activity, ServerCounters counters)
    {
        _activity = activity;
        _counters = counters;
    }

    /// <summary>The negotiated version once the handshake is done; null before.</summary>
    public TlsProtocol? NegotiatedProtocol =>
        IsConnected && Context.ServerVersion is { } version ? ProtocolVersions.FromBc(version) : null;

    /// <summary>Sends a TLS 1.3 KeyUpdate, asking the client for its own when <paramref name="requestPeerUpdate"/>.</summary>
    public void UpdateKeys(bool requestPeerUpdate) => Send13KeyUpdate(requestPeerUpdate);

    /// <summary>Sends a TLS 1.2 HelloRequest. The ClientHello that may follow is refused with no_renegotiation.</summary>
    public void SendHelloRequest()
    {
        _activity.BeginHelloRequest();
        SendHelloRequestMessage();
        ServerCounters.Count(ref _counters.HelloRequestsSent);
    }

    /// <summary>Sends an alert. A fatal one ends the connection, as RFC 5246 7.2.2 requires.</summary>
    public void SendAlert(TlsAlertLevel level, short description)
    {
        const string message = "sent by Send-TlsAlert";
        if (level == TlsAlertLevel.Fatal)
        {
            RaiseAlertFatal(description, message, null);
            HandleFailure();
        }
        else
        {
            RaiseAlertWarning(description, message);
        }
    }

    protected override void Send13KeyUpdate(bool updateRequested)
    {
        base.Send13KeyUpdate(updateRequested);
        _activity.CountKeyUpdateSent();
        ServerCounters.Count(ref _counters.KeyUpdatesSent);
    }

    protected override void Receive13KeyUpdate(MemoryStream buf)
    {
        base.Receive13KeyUpdate(buf);
        _activity.CountKeyUpdateReceived();
        ServerCounters.Count(ref _counters.KeyUpdatesReceived);
    }

    protected override void RefuseRenegotiation()
    {
        base.RefuseRenegotiation();
        _activity.OnRenegotiationRefused();
        ServerCounters.Count(ref _counters.RenegotiationsRefused);
    }

    protected override void HandleAlertWarningMessage(short alertDescription)
    {
        // BouncyCastle fails the connection on no_renegotiation; after our own HelloRequest it is a fair answer.
        if (alertDescription == AlertDescription.no_renegotiation && _activity.OnNoRenegotiationReceived())
        {
            return;
        }

        base.HandleAlertWarningMessage(alertDescription);
    }
}
