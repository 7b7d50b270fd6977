using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using TlsServer.Engine;

namespace TlsServer.PowerShell.Completion;

/// <summary>
/// Completes a parameter from a fixed list of names; for a list or cipher string, the word after the last separator.
/// A completion is quoted only when PowerShell would not read it as one bare word.
/// </summary>
public abstract class NameListCompleter : IArgumentCompleter
{
    protected abstract IReadOnlyList<string> Names { get; }

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string word = wordToComplete.Trim('\'', '"');
        int cut = word.LastIndexOfAny(new[] { ':', ',', '+', '!' }) + 1;
        if (cut < word.Length && word[cut] == '-')
        {
            cut++;
        }

        string prefix = word[..cut], last = word[cut..];
        return Names
            .Where(n => n.StartsWith(last, StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(Quote(prefix + n), n, CompletionResultType.ParameterValue, n));
    }

    private static string Quote(string text) =>
        text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '/' or '_' or '-') && !text.StartsWith('-') ? text : $"'{text}'";
}

public sealed class GroupCompleter : NameListCompleter
{
    protected override IReadOnlyList<string> Names => TlsNames.Groups;
}

public sealed class SignatureAlgorithmCompleter : NameListCompleter
{
    protected override IReadOnlyList<string> Names => TlsNames.SignatureAlgorithms;
}

public sealed class Tls13CipherSuiteCompleter : NameListCompleter
{
    protected override IReadOnlyList<string> Names => TlsNames.Tls13CipherSuites;
}

public sealed class CipherStringCompleter : NameListCompleter
{
    protected override IReadOnlyList<string> Names => TlsNames.CipherStringWords;
}

public sealed class ExtensionTypeCompleter : NameListCompleter
{
    protected override IReadOnlyList<string> Names => TlsNames.ExtensionTypes;
}

public sealed class RecordVersionCompleter : NameListCompleter
{
    protected override IReadOnlyList<string> Names => TlsNames.RecordVersions;
}

public sealed class AlpnCompleter : NameListCompleter
{
    protected override IReadOnlyList<string> Names => TlsNames.ApplicationProtocols;
}

public sealed class ProtocolCompleter : NameListCompleter
{
    protected override IReadOnlyList<string> Names { get; } =
        Enum.GetNames<TlsProtocol>().Concat(TlsNames.OpenSslProtocolNames.Values).ToArray();
}
