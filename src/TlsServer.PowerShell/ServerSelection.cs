using System.Management.Automation;
using TlsServer.Engine;

namespace TlsServer.PowerShell;

/// <summary>
/// Finds servers by reference, id or name pattern, reporting what matches nothing as ServerNotFound. A reference
/// with an id (from a server or a session) finds that server, and only if its name still matches; a name alone is
/// a wildcard pattern.
/// </summary>
internal static class ServerSelection
{
    public static IEnumerable<Server> Resolve(Cmdlet cmdlet, IEnumerable<ServerReference> references)
    {
        var seen = new HashSet<int>();
        foreach (var reference in references)
        {
            var found = Find(reference);
            if (found.Count == 0 && (reference.Id is not null || !WildcardPattern.ContainsWildcardCharacters(reference.Name)))
            {
                cmdlet.WriteError(NotFound(reference));
            }

            foreach (var server in found.Where(s => seen.Add(s.Id)))
            {
                yield return server;
            }
        }
    }

    /// <summary>Exactly one server for the reference, or a terminating error (none, or a pattern that matches several).</summary>
    public static Server Single(PSCmdlet cmdlet, ServerReference reference)
    {
        var found = Find(reference);
        if (found.Count == 0)
        {
            cmdlet.ThrowTerminatingError(NotFound(reference));
        }

        if (found.Count > 1)
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.Create(ErrorIds.ServerNotUnique, ErrorCategory.InvalidArgument,
                $"'{reference}' names {found.Count} TLS servers ({string.Join(", ", found.Select(s => s.Name))}); give one name or an id.", reference));
        }

        return found[0];
    }

    /// <param name="names">With ids, the names (or patterns) the servers must also have: what a server object piped in carries.</param>
    public static IEnumerable<Server> ById(Cmdlet cmdlet, IEnumerable<int> ids, IReadOnlyCollection<string>? names = null)
    {
        foreach (int id in ids)
        {
            var server = ServerRegistry.Find(id);
            if (server is not null && (names is null || names.Count == 0 || names.Any(name => NameMatches(server, name))))
            {
                yield return server;
            }
            else
            {
                cmdlet.WriteError(NotFound(names is { Count: 1 } ? new ServerReference(id, names.First()) : new ServerReference(id)));
            }
        }
    }

    /// <summary>Every server when <paramref name="names"/> is null.</summary>
    public static IEnumerable<Server> ByName(Cmdlet cmdlet, IEnumerable<string>? names) =>
        names is null ? ServerRegistry.GetServers() : Resolve(cmdlet, names.Select(name => new ServerReference(name)));

    private static IReadOnlyList<Server> Find(ServerReference reference)
    {
        if (reference.Id is { } id)
        {
            var server = ServerRegistry.Find(id);
            return server is not null && (reference.Name is null || NameMatches(server, reference.Name)) ? new[] { server } : Array.Empty<Server>();
        }

        return ServerRegistry.GetServers().Where(s => NameMatches(s, reference.Name!)).ToList();
    }

    /// <summary>The name itself (a name may hold wildcard characters such as '['), or a wildcard pattern, in any case.</summary>
    private static bool NameMatches(Server server, string name) =>
        string.Equals(server.Name, name, StringComparison.OrdinalIgnoreCase)
        || WildcardPattern.Get(name, WildcardOptions.IgnoreCase).IsMatch(server.Name);

    private static ErrorRecord NotFound(ServerReference reference) =>
        ErrorRecords.Create(ErrorIds.ServerNotFound, ErrorCategory.ObjectNotFound, reference switch
        {
            { Id: { } id, Name: { } name } => $"No TLS server with Id {id} named '{name}' was found; it may have been removed (Remove-TlsServer).",
            { Id: { } id } => $"No TLS server with Id {id} was found.",
            _ => $"No TLS server named '{reference.Name}' was found.",
        }, reference);
}
