using System.Collections;

namespace TlsServer.Engine;

/// <summary>
/// A server named by id, by name, or both: what a session says of its server, and what cmdlets take for -Server.
/// PowerShell converts a server object, a name, an id or a hashtable with a Name or an Id key to it.
/// </summary>
public sealed class ServerReference
{
    public ServerReference(Server server)
    {
        ArgumentNullException.ThrowIfNull(server);
        Id = server.Id;
        Name = server.Name;
    }

    public ServerReference(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    public ServerReference(int id) => Id = id;

    /// <summary>The server of a session, so that a session piped to a server cmdlet names its own server.</summary>
    public ServerReference(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Id = session.Server.Id;
        Name = session.Server.Name;
    }

    /// <summary>A hashtable that holds a Name or an Id key (or both), and nothing else.</summary>
    /// <exception cref="ArgumentException">Another key, or neither.</exception>
    public ServerReference(IDictionary table)
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (DictionaryEntry entry in table)
        {
            string key = entry.Key?.ToString() ?? string.Empty;
            object? value = entry.Value;
            if (key.Equals(nameof(Name), StringComparison.OrdinalIgnoreCase) && value?.ToString() is { Length: > 0 } name)
            {
                Name = name;
            }
            else if (key.Equals(nameof(Id), StringComparison.OrdinalIgnoreCase) && int.TryParse(value?.ToString(), out int id))
            {
                Id = id;
            }
            else
            {
                throw new ArgumentException($"A server reference takes only a Name or an Id key; '{key}' is neither.", nameof(table));
            }
        }

        if (Id is null && Name is null)
        {
            throw new ArgumentException("A server reference needs a Name or an Id key.", nameof(table));
        }
    }

    /// <summary>A server by id whose name is known too: it is that server only while its name matches.</summary>
    public ServerReference(int id, string name)
    {
        Id = id;
        Name = name;
    }

    /// <summary>The server's id, when known.</summary>
    public int? Id { get; }

    /// <summary>The server's name (a wildcard pattern when given alone to a cmdlet), when known.</summary>
    public string? Name { get; }

    public override string ToString() => Name ?? Id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
}
