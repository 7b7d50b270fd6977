using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using TlsServer.Engine;

namespace TlsServer.PowerShell.Completion;

/// <summary>Offers -VerifyOption as a hashtable of OpenSSL's verification option names.</summary>
public sealed class VerifyOptionCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string word = wordToComplete.TrimStart('@', '{').Trim();
        return VerifyOptions.Names
            .Where(n => n.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult($"@{{ {n} = $true }}", n, CompletionResultType.ParameterValue, $"OpenSSL verification option -{n}"));
    }
}
