using Org.BouncyCastle.Tls;
using TlsServer.Engine.Diagnostics;

namespace TlsServer.Engine.Tls;

/// <summary>
/// BouncyCastle's server protocol with hooks that report every message in and out to an <see cref="IProtocolObserver"/>.
/// Only reports: the protocol's behaviour is the base class's.
/// </summary>
internal sealed class TracingServerProtocol : TlsServerProtocol
{
    private readonly IProtocolObserver _observer;

    public TracingServerProtocol(IProtocolObserver observer) => _observer = observer;

    protected override void HandleHandshakeMessage(short type, HandshakeMessageInput buf)
    {
        // The stream holds the whole message (header included); the base reads on from after the header.
        _observer.HandshakeReceived(buf.ToArray());
        base.HandleHandshakeMessage(type, buf);
    }

    protected override void HandleAlertMessage(short alertLevel, short alertDescription)
    {
        _observer.AlertReceived(alertLevel, alertDescription);
        base.HandleAlertMessage(alertLevel, alertDescription);
    }

    protected override void HandleChangeCipherSpecMessage()
    {
        _observer.ChangeCipherSpecReceived();
        base.HandleChangeCipherSpecMessage();
    }

    protected override void WriteRecord(short type, byte[] buf, int off, int len)
    {
        _observer.RecordWritten(type, buf.AsSpan(off, len));
        base.WriteRecord(type, buf, off, len);
    }

    protected override void WriteRecord(short type, ReadOnlySpan<byte> buffer)
    {
        _observer.RecordWritten(type, buffer);
        base.WriteRecord(type, buffer);
    }

    protected override void Receive13KeyUpdate(MemoryStream buf)
    {
        base.Receive13KeyUpdate(buf);
        _observer.TrafficSecretUpdated(server: false);
    }

    protected override void Send13KeyUpdate(bool updateRequested)
    {
        base.Send13KeyUpdate(updateRequested);
        _observer.TrafficSecretUpdated(server: true);
    }
}
