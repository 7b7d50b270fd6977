using Org.BouncyCastle.Tls;
using TlsServer.Engine.Diagnostics;
using TlsServer.Engine.Runtime;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>
/// BouncyCastle's TlsServerProtocol, opened up for the connected commands: KeyUpdate, HelloRequest and any
/// alert, and told about key updates and renegotiation attempts. None of these members takes a lock: call
/// them only under the connection's writer lock. Every message in and out is also reported to an
/// <see cref="IProtocolObserver"/> (diagnostics); outgoing records once BouncyCastle has queued them (before a valid
/// ClientHello it silently drops them). A failing observer never breaks the connection.
/// </summary>
internal partial class ServerProtocol : TlsServerProtocol
{
    private readonly SessionActivity _activity;
    private readonly ServerCounters _counters;
    private readonly IProtocolObserver _observer;
    private bool _endedRecord = true;

    /// <param name="crypto">The server's crypto; the connection gets its own view of it (<see cref="Crypto"/>).</param>
    /// <param name="maxHandshakeMessageSize">The limit for every handshake message but the ClientHello.</param>
    public ServerProtocol(SessionActivity activity, ServerCounters counters, IProtocolObserver observer, Crypto.DotNetTlsCrypto crypto,
        int maxHandshakeMessageSize)
    {
        _activity = activity;
        _counters = counters;
        _observer = observer;
        Crypto = crypto.ForConnection(this);
        Framing = new HandshakeFraming(maxHandshakeMessageSize);
    }

    /// <summary>Where the client's handshake messages begin and end across records.</summary>
    public HandshakeFraming Framing { get; }

    public RecordLayerSettings RecordLayer { get; init; } = RecordLayerSettings.Default;

    /// <summary>The negotiated version once the handshake is done; null before.</summary>
    public TlsProtocol? NegotiatedProtocol =>
        IsConnected && Context.ServerVersion is { } version ? BcVersions.FromBc(version) : null;

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
            RaiseAlertFatal(description, message, null!);
            HandleFailure();
        }
        else
        {
            RaiseAlertWarning(description, message);
        }
    }

    protected override void SendChangeCipherSpecMessage()
    {
        if (RecordLayer.MiddleboxCompatibility || !TlsUtilities.IsTlsV13(Context.ServerVersion))
        {
            base.SendChangeCipherSpecMessage();
        }
    }

    /// <summary>Writes at most <see cref="RecordLayerSettings.MaxSendFragment"/> plaintext bytes per record (s_server -max_send_frag).</summary>
    public override void WriteApplicationData(ReadOnlySpan<byte> buffer)
    {
        int fragment = RecordLayer.MaxSendFragment;
        do
        {
            var piece = buffer[..Math.Min(fragment, buffer.Length)];
            base.WriteApplicationData(piece);
            buffer = buffer[piece.Length..];
        }
        while (!buffer.IsEmpty);
    }

    protected override void Send13KeyUpdate(bool updateRequested)
    {
        base.Send13KeyUpdate(updateRequested);
        _keyUpdatePendingSend &= updateRequested;
        Observe(o => o.TrafficSecretUpdated(server: true));
        _activity.CountKeyUpdateSent();
        ServerCounters.Count(ref _counters.KeyUpdatesSent);
    }

    protected override void Receive13KeyUpdate(MemoryStream buf)
    {
        bool updateRequested = RequestsUpdate(buf);
        base.Receive13KeyUpdate(buf);
        _keyUpdatePendingSend |= updateRequested;
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
        _endedRecord = Framing.TakeEndedRecord();
        if (!_endedRecord && IsTls13 && type is HandshakeType.key_update or HandshakeType.finished)
        {
            // RFC 8446 5.1: a message before a key change ends its record; data after it would be read under the old key.
            throw new TlsFatalAlert(AlertDescription.unexpected_message, $"More handshake data follows {HandshakeType.GetText(type)} in its record.");
        }

        base.HandleHandshakeMessage(type, buf);
    }

    /// <summary>Runs <see cref="ClientHelloRules"/> before BouncyCastle reads the hello, and drops what TLS 1.3 ignores.</summary>
    protected override ClientHello ReceiveClientHelloMessage(MemoryStream buf)
    {
        var raw = Diagnostics.ClientHelloParser.TryParse(buf.ToArray());
        bool tls13 = false;
        if (raw is not null)
        {
            tls13 = raw.ExtensionList.Any(e => e.Type == ExtensionType.supported_versions && OffersTls13(e.Bytes))
                && m_tlsServer.GetProtocolVersions().Any(TlsUtilities.IsTlsV13);
            ClientHelloRules.Check(raw, tls13, _endedRecord);
            _earlyDataOffered = tls13 && ClientHelloRules.OffersEarlyData(raw);
        }

        var hello = base.ReceiveClientHelloMessage(buf);
        if (hello.Extensions is { } extensions)
        {
            // RFC 7685 asks the client for zero bytes and nothing of the server; OpenSSL ignores the content too.
            extensions.Remove(ExtensionType.padding);
            foreach (int type in tls13 ? ClientHelloRules.Tls12Only : Array.Empty<int>())
            {
                extensions.Remove(type);
            }
        }

        return hello;
    }

    private static bool OffersTls13(byte[] supportedVersions)
    {
        for (int i = 1; i + 1 < supportedVersions.Length; i += 2)
        {
            if (supportedVersions[i] == 3 && supportedVersions[i + 1] == 4)
            {
                return true;
            }
        }

        return false;
    }

    protected override void HandleAlertMessage(short alertLevel, short alertDescription)
    {
        Observe(o => o.AlertReceived(alertLevel, alertDescription));
        base.HandleAlertMessage(alertLevel, alertDescription);
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

    /// <summary>Shows a record about to be protected to the diagnostics.</summary>
    public void ObserveRecord(short type, ReadOnlySpan<byte> payload)
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
