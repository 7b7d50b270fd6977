using Org.BouncyCastle.Tls;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>
/// Alerts as they reach the wire. BouncyCastle's record layer drops every record until a ClientHello has given it a
/// version, so an alert raised before then (a garbled hello, an oversized record) never went out; here it goes out as
/// the plaintext record OpenSSL sends. BouncyCastle also answers any decoding overrun with internal_error; a message that
/// ends before its fields do is a decode_error (RFC 8446 6.2).
/// </summary>
internal partial class ServerProtocol
{
    /// <summary>The record version of an alert sent before any is negotiated, as OpenSSL writes it.</summary>
    private const int EarlyAlertVersion = 0x0303;

    /// <summary>Raised alerts waiting for the socket; the connection reports them once sent.</summary>
    public PendingAlerts PendingAlerts { get; } = new();

    /// <summary>Ends a handshake the client abandoned with decode_error, as OpenSSL 3 does on an unexpected end of stream.</summary>
    public void FailOnEndOfStream()
    {
        if (!IsClosed)
        {
            RaiseAlertFatal(AlertDescription.decode_error, "the client closed the connection during the handshake", null!);
            HandleFailure();
        }
    }

    protected override void HandleException(short alertDescription, string message, Exception e) =>
        base.HandleException(
            alertDescription == AlertDescription.internal_error && e is EndOfStreamException ? AlertDescription.decode_error : alertDescription,
            message, e);

    protected override void RaiseAlertFatal(short alertDescription, string message, Exception cause)
    {
        int queued = GetAvailableOutputBytes();
        try
        {
            base.RaiseAlertFatal(alertDescription, message, cause);
        }
        finally
        {
            if (GetAvailableOutputBytes() == queued && m_connectionState is CS_START or CS_CLIENT_HELLO)
            {
                m_outputBuffer.Write(new byte[] { (byte)ContentType.alert, EarlyAlertVersion >> 8, EarlyAlertVersion & 0xff, 0, 2, (byte)AlertLevel.fatal, (byte)alertDescription });
                ObserveRecord(ContentType.alert, new byte[] { (byte)AlertLevel.fatal, (byte)alertDescription });
            }

            PendingAlerts.Written(GetAvailableOutputBytes() > queued);
        }
    }

    protected override void RaiseAlertWarning(short alertDescription, string message)
    {
        int queued = GetAvailableOutputBytes();
        try
        {
            base.RaiseAlertWarning(alertDescription, message);
        }
        finally
        {
            PendingAlerts.Written(GetAvailableOutputBytes() > queued);
        }
    }
}
