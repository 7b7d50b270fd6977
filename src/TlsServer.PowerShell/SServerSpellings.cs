using System.Management.Automation;
using System.Management.Automation.Language;
using TlsServer.Engine;

namespace TlsServer.PowerShell;

/// <summary>
/// s_server's spellings that PowerShell would bind to another parameter, because parameter names ignore case and
/// may be shortened: each stops with SServerOptionSpelling, naming the parameter to use. -WWW would bind -Www (the
/// status page), -nbio would bind -NonBlockingTest (an alias prefix), -debug is PowerShell's common parameter, and
/// -HTTP would be a shortened -HttpRoot without its folder (so Start-TlsServer has an -Http switch that only refuses).
/// </summary>
internal static class SServerSpellings
{
    /// <summary>Spellings found in the command text: what was typed (-WWW in capitals only; -nbio in any case) → what to use.</summary>
    private static readonly (string Typed, StringComparison Comparison, string Message)[] Typed =
    {
        ("WWW", StringComparison.Ordinal, "s_server's -WWW serves the files of a folder; here that is -WwwRoot <folder>. (-www, the status page, is -Www.)"),
        ("nbio", StringComparison.OrdinalIgnoreCase, "s_server's -nbio makes I/O non-blocking, as it always is here; leave it out. (s_server's -nbio_test is -NonBlockingTest.)"),
    };

    public static void Check(PSCmdlet cmdlet, bool http)
    {
        if (http)
        {
            Refuse(cmdlet, "s_server's -HTTP serves files that hold whole HTTP responses; here the folder is given with -HttpRoot <folder>.");
        }

        if (cmdlet.MyInvocation.BoundParameters.ContainsKey("Debug"))
        {
            Refuse(cmdlet, "-Debug is PowerShell's common parameter (debug messages); s_server's -debug hex dump of the traffic is -HexDump.");
        }

        var typed = TypedParameterNames(cmdlet.MyInvocation);
        foreach (var (spelling, comparison, message) in Typed)
        {
            if (typed.Any(name => string.Equals(name, spelling, comparison)))
            {
                Refuse(cmdlet, message);
            }
        }
    }

    /// <summary>The parameter names as typed in this command's text (splatted ones cannot be seen).</summary>
    private static IReadOnlyList<string> TypedParameterNames(InvocationInfo invocation)
    {
        // InvocationInfo.Statement (PowerShell 7) is this command's own text, continuation lines included.
        string? text = PSObject.AsPSObject(invocation).Properties["Statement"]?.Value as string;
        if (string.IsNullOrEmpty(text) && invocation.Line is { } line && invocation.OffsetInLine > 0 && invocation.OffsetInLine <= line.Length)
        {
            text = line[(invocation.OffsetInLine - 1)..];
        }

        if (string.IsNullOrEmpty(text))
        {
            return Array.Empty<string>();
        }

        var ast = Parser.ParseInput(text, out _, out _);
        var command = ast.Find(a => a is CommandAst, true) as CommandAst;
        return command?.CommandElements.OfType<CommandParameterAst>().Select(p => p.ParameterName).ToArray() ?? Array.Empty<string>();
    }

    private static void Refuse(PSCmdlet cmdlet, string message) =>
        cmdlet.ThrowTerminatingError(ErrorRecords.Create(ErrorIds.SServerOptionSpelling, ErrorCategory.InvalidArgument, message, null));
}
