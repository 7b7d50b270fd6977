using Org.BouncyCastle.Tls;
using TlsServer.Engine.Diagnostics;

namespace TlsServer.Engine.Tls;

/// <summary>
/// BouncyCastle's server protocol with hooks that report every message in and out to an <see cref="IProtocolObserver"/>.
/// Outgoing records are reported once BouncyCastle has queued them (before a valid ClientHello it silently drops
/// them, alerts included). Non-blocking mode only. Only reports: the protocol's behaviour is the base class's, and a failing observer never breaks the connection.
/// </summary>
internal sealed class TracingServerProtocol : TlsServerProtocol
{
    private readonly IProtocolObserver _observer;

    public TracingServerProtocol(IProtocolObserver observer) => _observer = observer;

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

    protected override void Receive13KeyUpdate(MemoryStream buf)
    {
        base.Receive13KeyUpdate(buf);
        Observe(o => o.TrafficSecretUpdated(server: false));
    }

    protected override void Send13KeyUpdate(bool updateRequested)
    {
        base.Send13KeyUpdate(updateRequested);
        Observe(o => o.TrafficSecretUpdated(server: true));
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
