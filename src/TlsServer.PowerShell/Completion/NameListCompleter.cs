using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using TlsServer.Engine;

namespace TlsServer.PowerShell.Completion;

/// <summary>Completes a parameter from a fixed list of names; for a cipher string, the word after the last separator.</summary>
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
            .Select(n => new CompletionResult($"'{prefix}{n}'", n, CompletionResultType.ParameterValue, n));
    }
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
