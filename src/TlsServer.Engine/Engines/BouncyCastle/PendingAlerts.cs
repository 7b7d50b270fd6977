namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>
/// The alerts a connection raised, held until their record has left through the socket: the session reports an alert as
/// sent only then. Used under the connection's writer lock.
/// </summary>
internal sealed class PendingAlerts
{
    private readonly Queue<TlsAlert> _written = new();
    private TlsAlert? _raised;

    /// <summary>BouncyCastle announces an alert before it writes it.</summary>
    public void Raised(TlsAlert alert) => _raised = alert;

    /// <summary>Whether the alert just raised was queued for sending; one that was not is forgotten.</summary>
    public void Written(bool written)
    {
        if (written && _raised is not null)
        {
            _written.Enqueue(_raised);
        }

        _raised = null;
    }

    /// <summary>Call once everything queued so far has been sent.</summary>
    public bool TryTakeSent(out TlsAlert alert) => _written.TryDequeue(out alert!);
}
