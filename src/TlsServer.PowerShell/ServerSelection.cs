using System.Management.Automation;
using TlsServer.Engine;

namespace TlsServer.PowerShell;

/// <summary>Finds servers by id or name pattern, reporting names and ids that match nothing.</summary>
internal static class ServerSelection
{
    public static IEnumerable<Server> ById(Cmdlet cmdlet, IEnumerable<int> ids)
    {
        var servers = ServerRegistry.GetServers();
        foreach (int id in ids)
        {
            var server = servers.FirstOrDefault(s => s.Id == id);
            if (server is null)
            {
                cmdlet.WriteError(ErrorRecords.Create(ErrorIds.ServerNotFound, ErrorCategory.ObjectNotFound,
                    $"No TLS server with Id {id} was found.", id));
                continue;
            }

            yield return server;
        }
    }

    public static IEnumerable<Server> ByName(Cmdlet cmdlet, IEnumerable<string>? names)
    {
        var servers = ServerRegistry.GetServers();
        if (names is null)
        {
            foreach (var server in servers)
            {
                yield return server;
            }

            yield break;
        }

        var seen = new HashSet<int>();
        foreach (string name in names)
        {
            var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
            var matches = servers.Where(s => pattern.IsMatch(s.Name)).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
            {
                cmdlet.WriteError(ErrorRecords.Create(ErrorIds.ServerNotFound, ErrorCategory.ObjectNotFound,
                    $"No TLS server named '{name}' was found.", name));
            }

            foreach (var server in matches.Where(s => seen.Add(s.Id)))
            {
                yield return server;
            }
        }
    }
}
