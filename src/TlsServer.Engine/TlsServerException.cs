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

    /// <summary>A value or a combination the caller gave that cannot work (ErrorKind.InvalidArgument).</summary>
    internal static TlsServerException Invalid(string errorId, string message, object? target = null, Exception? inner = null) =>
        new(errorId, ErrorKind.InvalidArgument, message, target, inner);

    /// <summary>Something this server (or one engine) cannot do, said with the reason (ErrorKind.NotImplemented).</summary>
    internal static TlsServerException NotSupported(string errorId, string message, object? target = null, Exception? inner = null) =>
        new(errorId, ErrorKind.NotImplemented, message, target, inner);
}
