using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using TlsServer.Engine;

namespace TlsServer.PowerShell.Completion;

/// <summary>Completes -Name with the names of this process's servers.</summary>
public sealed class ServerNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var pattern = WildcardPattern.Get(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        return ServerRegistry.GetServers()
            .Where(s => pattern.IsMatch(s.Name))
            .Select(s => new CompletionResult(Quote(s.Name), s.Name, CompletionResultType.ParameterValue, $"{s.Name}: port {s.Port}, {s.State}"));
    }

    private static string Quote(string name) => name.Any(char.IsWhiteSpace) ? $"'{name.Replace("'", "''")}'" : name;
}
