namespace TlsServer.Engine;

/// <summary>A TLS alert as it crossed the wire, named as in RFC 8446 (e.g. handshake_failure).</summary>
public sealed class TlsAlert
{
    public TlsAlert(string description, int code, bool fatal, AlertDirection direction, string? message)
    {
        Description = description;
        Code = code;
        Fatal = fatal;
        Direction = direction;
        Message = message;
    }

    public string Description { get; }

    public int Code { get; }

    public bool Fatal { get; }

    public AlertDirection Direction { get; }

    /// <summary>The local reason for a sent alert, when there is one.</summary>
    public string? Message { get; }

    public override string ToString() =>
        $"{Description} ({(Direction == AlertDirection.Sent ? "sent" : "received")}, {(Fatal ? "fatal" : "warning")})";
}
