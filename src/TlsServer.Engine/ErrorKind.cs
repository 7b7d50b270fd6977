namespace TlsServer.Engine;

/// <summary>What kind of failure a <see cref="TlsServerException"/> reports; the cmdlets map it to an ErrorCategory.</summary>
public enum ErrorKind
{
    InvalidArgument,
    InvalidData,
    InvalidOperation,
    ObjectNotFound,
    ResourceUnavailable,
    AuthenticationError,
    NotImplemented,
    ReadError,
    OperationTimeout,
    PermissionDenied,
    WriteError,
}
