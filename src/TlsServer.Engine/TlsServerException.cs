namespace TlsServer.Engine;

/// <summary>A failure with a stable PascalCase identifier, safe to show to a user (no secrets, no stack).</summary>
public sealed class TlsServerException : Exception
{
    public TlsServerException(string errorId, ErrorKind kind, string message, object? target = null, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Kind = kind;
        Target = target;
    }

    public string ErrorId { get; }

    public ErrorKind Kind { get; }

    public object? Target { get; }
}
