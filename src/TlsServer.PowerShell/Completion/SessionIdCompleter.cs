using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Language;
using TlsServer.Engine;

namespace TlsServer.PowerShell.Completion;

/// <summary>Completes a session -Id with the session ids of the -Server already given, or of every server.</summary>
public sealed class SessionIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Servers(fakeBoundParameters["Server"])
            .SelectMany(server => server.GetSessions())
            .Select(s => (Session: s, Id: s.Id.ToString(CultureInfo.InvariantCulture)))
            .Where(s => s.Id.StartsWith(wordToComplete, StringComparison.Ordinal))
            .Select(s => new CompletionResult(s.Id, s.Id, CompletionResultType.ParameterValue,
                $"session {s.Id} of {s.Session.Server.Name}: {s.Session.RemoteEndPoint}, {s.Session.State}"));

    private static IEnumerable<Server> Servers(object? given)
    {
        var all = ServerRegistry.GetServers();
        return PSObject.AsPSObject(given).BaseObject switch
        {
            null => all,
            Server server => new[] { server },
            ServerReference { Id: { } id } => all.Where(s => s.Id == id),
            int id => all.Where(s => s.Id == id),
            var name when name.ToString() is { Length: > 0 } text => all.Where(s => WildcardPattern.Get(text, WildcardOptions.IgnoreCase).IsMatch(s.Name)),
            _ => all,
        };
    }
}
