using System.Management.Automation;
using TlsServer.Engine;

namespace TlsServer.PowerShell;

/// <summary>Turns engine failures into ErrorRecords with the engine's stable id and a matching category.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(TlsServerException e) => new(e, e.ErrorId, Category(e.Kind), e.Target);

    public static ErrorRecord Create(string errorId, ErrorCategory category, string message, object? target) =>
        new(new InvalidOperationException(message), errorId, category, target);

    private static ErrorCategory Category(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        ErrorKind.InvalidData => ErrorCategory.InvalidData,
        ErrorKind.InvalidOperation => ErrorCategory.InvalidOperation,
        ErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
        ErrorKind.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
        ErrorKind.AuthenticationError => ErrorCategory.AuthenticationError,
        ErrorKind.NotImplemented => ErrorCategory.NotImplemented,
        ErrorKind.ReadError => ErrorCategory.ReadError,
        ErrorKind.OperationTimeout => ErrorCategory.OperationTimeout,
        ErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
        ErrorKind.WriteError => ErrorCategory.WriteError,
        _ => ErrorCategory.NotSpecified,
    };
}
