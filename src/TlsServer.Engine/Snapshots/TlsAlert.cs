namespace TlsServer.Engine;

/// <summary>A TLS alert as it crossed the wire, named as in RFC 8446 (e.g. handshake_failure).</summary>
public sealed class TlsAlert
{
    public TlsAlert(string description, int code, bool fatal, AlertDirection direction, string? message)
    {
        Description = description;
        Code = code;
        Fatal = fatal;
        Direction = direction.ToString();
        IsSent = direction == AlertDirection.Sent;
        Message = message;
    }

    public string Description { get; }

    public int Code { get; }

    public bool Fatal { get; }

    /// <summary>An <see cref="AlertDirection"/> name: Sent or Received.</summary>
    public string Direction { get; }

    /// <summary>The local reason for a sent alert, when there is one.</summary>
    public string? Message { get; }

    internal bool IsSent { get; }

    public override string ToString() =>
        $"{Description} ({(IsSent ? "sent" : "received")}, {(Fatal ? "fatal" : "warning")})";
}
