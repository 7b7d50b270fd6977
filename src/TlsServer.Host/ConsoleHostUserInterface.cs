using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace TlsServer.Host;

/// <summary>Host UI over System.Console: output to stdout, diagnostics to stderr.</summary>
internal sealed class ConsoleHostUserInterface : PSHostUserInterface
{
    private readonly ConsoleHostRawUserInterface _rawUI = new();
    private readonly bool _stdoutVt;
    private readonly bool _stderrVt;

    public ConsoleHostUserInterface()
    {
        // As pwsh: TERM=dumb means no escape sequences; NO_COLOR or a mono terminal means plain $PSStyle output.
        string? term = Environment.GetEnvironmentVariable("TERM");
        _stdoutVt = !Console.IsOutputRedirected && term != "dumb";
        _stderrVt = !Console.IsErrorRedirected && term != "dumb";
        if (Environment.GetEnvironmentVariable("NO_COLOR") != null || term is "xterm-mono" or "xtermm")
        {
            PSStyle.Instance.OutputRendering = OutputRendering.PlainText;
        }
    }

    public override PSHostRawUserInterface RawUI => _rawUI;

    /// <summary>Escape sequences ($PSStyle, table headers) only when stdout is a terminal; they are stripped otherwise.</summary>
    public override bool SupportsVirtualTerminal => _stdoutVt;

    public override void Write(string value) => Console.Out.Write(GetOutputString(value, _stdoutVt));

    /// <summary>Foreground colour only: the terminal keeps its own background.</summary>
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) =>
        Console.Out.Write(_stdoutVt ? AnsiColor.Wrap(value, foregroundColor) : GetOutputString(value, false));

    public override void WriteLine(string value) => Console.Out.WriteLine(GetOutputString(value, _stdoutVt));

    public override void WriteErrorLine(string value) => WriteStderr(value, ConsoleColor.Red);

    public override void WriteWarningLine(string message) => WriteStderr("WARNING: " + message, ConsoleColor.Yellow);

    public override void WriteVerboseLine(string message) => WriteStderr("VERBOSE: " + message, ConsoleColor.Yellow);

    public override void WriteDebugLine(string message) => WriteStderr("DEBUG: " + message, ConsoleColor.Yellow);

    /// <summary>Like pwsh, nothing here: the engine already shows displayed information (Write-Host) via WriteLine.</summary>
    public override void WriteInformation(InformationRecord record) { }

    public override void WriteProgress(long sourceId, ProgressRecord record) { }

    public override string ReadLine() => Console.ReadLine() ?? throw EndOfInput();

    public override SecureString ReadLineAsSecureString()
    {
        var secure = new SecureString();
        if (Console.IsInputRedirected)
        {
            foreach (char ch in ReadLine()) secure.AppendChar(ch);
        }
        else
        {
            for (var key = Console.ReadKey(true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(true))
            {
                if (key.Key == ConsoleKey.Backspace) { if (secure.Length > 0) secure.RemoveAt(secure.Length - 1); }
                else if (key.KeyChar != '\0') secure.AppendChar(key.KeyChar);
            }
            Console.Out.WriteLine();
        }
        secure.MakeReadOnly();
        return secure;
    }

    /// <summary>Asks for each field on its own line (used for missing mandatory parameters).</summary>
    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
    {
        WriteCaption(caption, message);
        var result = new Dictionary<string, PSObject>();
        foreach (var field in descriptions)
        {
            Write(field.Name + ": ");
            bool secret = field.ParameterTypeName == nameof(SecureString);
            result[field.Name] = secret ? new PSObject(ReadLineAsSecureString()) : new PSObject(ReadLine());
        }
        return result;
    }

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        WriteCaption(caption, message);
        return ChoicePrompt.Ask(choices, defaultChoice, this);
    }

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new HostException("TlsServer.Host does not support credential prompts; pass a PSCredential instead.");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        PromptForCredential(caption, message, userName, targetName);

    private void WriteCaption(string caption, string message)
    {
        if (!string.IsNullOrEmpty(caption)) WriteLine(caption);
        if (!string.IsNullOrEmpty(message)) WriteLine(message);
    }

    private void WriteStderr(string line, ConsoleColor color) =>
        Console.Error.WriteLine(_stderrVt ? AnsiColor.Wrap(line, color) : GetOutputString(line, false));

    private static HostException EndOfInput() => new("Standard input ended while the host was reading input.");
}
