using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using TlsServer.Engine;

namespace TlsServer.PowerShell.Completion;

/// <summary>Completes -Description with the alert names TLS defines.</summary>
public sealed class AlertDescriptionCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var pattern = WildcardPattern.Get(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        return TlsAlertDescriptions.Names
            .Where(name => pattern.IsMatch(name))
            .Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue, name));
    }
}
