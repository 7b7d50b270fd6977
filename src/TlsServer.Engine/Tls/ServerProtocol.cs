using Org.BouncyCastle.Tls;
using TlsServer.Engine.Diagnostics;
using TlsServer.Engine.Sessions;

namespace TlsServer.Engine.Tls;

/// <summary>
/// BouncyCastle's TlsServerProtocol, opened up for the connected commands: KeyUpdate, HelloRequest and any
/// alert, and told about key updates and renegotiation attempts. None of these members takes a lock: call
/// them only under the connection's writer lock. Every message in and out is also reported to an
/// <see cref="IProtocolObserver"/> (diagnostics); outgoing records once BouncyCastle has queued them (before a valid
/// ClientHello it silently drops them). A failing observer never breaks the connection.
/// </summary>
internal sealed class ServerProtocol : TlsServerProtocol
{
    private readonly SessionActivity _activity;
    private readonly ServerCounters _counters;
    private readonly IProtocolObserver _observer;

    public ServerProtocol(SessionActivity activity, ServerCounters counters, IProtocolObserver observer)
    {
        _activity = activity;
        _counters = counters;
        _observer = observer;
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
        Observe(o => o.TrafficSecretUpdated(server: true));
        _activity.CountKeyUpdateSent();
        ServerCounters.Count(ref _counters.KeyUpdatesSent);
    }

    protected override void Receive13KeyUpdate(MemoryStream buf)
    {
        base.Receive13KeyUpdate(buf);
        Observe(o => o.TrafficSecretUpdated(server: false));
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

    protected override void HandleHandshakeMessage(short type, HandshakeMessageInput buf)
    {
        // The stream holds the whole message (header included); the base reads on from after the header.
        Observe(o => o.HandshakeReceived(buf.ToArray()));
        base.HandleHandshakeMessage(type, buf);
    }

    protected override void HandleAlertMessage(short alertLevel, short alertDescription)
    {
        Observe(o => o.AlertReceived(alertLevel, alertDescription));
        base.HandleAlertMessage(alertLevel, alertDescription);
    }

    protected override void HandleChangeCipherSpecMessage()
    {
        Observe(o => o.ChangeCipherSpecReceived());
        base.HandleChangeCipherSpecMessage();
    }

    protected override void WriteRecord(short type, byte[] buf, int off, int len)
    {
        int queued = GetAvailableOutputBytes();
        base.WriteRecord(type, buf, off, len);
        if (GetAvailableOutputBytes() > queued)
        {
            ObserveRecord(type, buf.AsSpan(off, len));
        }
    }

    protected override void WriteRecord(short type, ReadOnlySpan<byte> buffer)
    {
        int queued = GetAvailableOutputBytes();
        base.WriteRecord(type, buffer);
        if (GetAvailableOutputBytes() > queued)
        {
            ObserveRecord(type, buffer);
        }
    }

    private void ObserveRecord(short type, ReadOnlySpan<byte> payload)
    {
        try
        {
            _observer.RecordWritten(type, payload);
        }
        catch (Exception)
        {
            // as in Observe
        }
    }

    private void Observe(Action<IProtocolObserver> report)
    {
        try
        {
            report(_observer);
        }
        catch (Exception)
        {
            // Diagnostics are best effort; the handshake is not theirs to break.
        }
    }
}
