using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Language;
using TlsServer.Engine;

namespace TlsServer.PowerShell.Completion;

/// <summary>Completes a server -Id with the ids of this process's servers.</summary>
public sealed class ServerIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        ServerRegistry.GetServers()
            .Select(s => (Server: s, Id: s.Id.ToString(CultureInfo.InvariantCulture)))
            .Where(s => s.Id.StartsWith(wordToComplete, StringComparison.Ordinal))
            .Select(s => new CompletionResult(s.Id, s.Id, CompletionResultType.ParameterValue, $"{s.Server.Name}: port {s.Server.Port}, {s.Server.State}"));
}
