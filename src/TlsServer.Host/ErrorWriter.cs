using System.Management.Automation;
using System.Management.Automation.Host;

namespace TlsServer.Host;

/// <summary>Writes errors the host reports itself to stderr, in the shape of PowerShell's NormalView.</summary>
internal static class ErrorWriter
{
    public static void Write(PSHostUserInterface ui, Exception exception)
    {
        var record = (exception as IContainsErrorRecord)?.ErrorRecord
            ?? new ErrorRecord(exception, exception.GetType().Name, ErrorCategory.NotSpecified, null);
        Write(ui, record);
    }

    public static void Write(PSHostUserInterface ui, ErrorRecord record)
    {
        string message = record.ErrorDetails?.Message is { Length: > 0 } details ? details : record.Exception.Message;
        var text = new System.Text.StringBuilder(message.TrimEnd()).Append('\n');
        // A parse error's message already holds the positions of its errors.
        string? position = record.CategoryInfo.Category == ErrorCategory.ParserError ? null : record.InvocationInfo?.PositionMessage;
        if (!string.IsNullOrEmpty(position)) text.Append(position.TrimEnd()).Append('\n');
        text.Append($"+ CategoryInfo          : {record.CategoryInfo}\n");
        text.Append($"+ FullyQualifiedErrorId : {record.FullyQualifiedErrorId}");
        foreach (string line in text.ToString().Split('\n')) ui.WriteErrorLine(line.TrimEnd('\r'));
    }
}
