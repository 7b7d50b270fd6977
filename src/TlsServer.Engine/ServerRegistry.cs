namespace TlsServer.Engine;

/// <summary>
/// The servers started in this process, for Get-TlsServer. Running servers are always listed; at most
/// <see cref="EndedServerLimit"/> ended ones are kept, the oldest dropped first.
/// </summary>
public static class ServerRegistry
{
    public const int EndedServerLimit = 64;

    private static readonly object Gate = new();
    private static readonly List<Server> Servers = new();
    private static int _lastId;

    public static IReadOnlyList<Server> GetServers()
    {
        lock (Gate)
        {
            return Servers.ToArray();
        }
    }

    /// <summary>The server with this id, if it is still listed.</summary>
    public static Server? Find(int id)
    {
        lock (Gate)
        {
            return Servers.Find(s => s.Id == id);
        }
    }

    /// <summary>Forgets a server (Remove-TlsServer); it must have stopped. Returns false when it was not listed.</summary>
    public static bool Remove(Server server)
    {
        lock (Gate)
        {
            return Servers.Remove(server);
        }
    }

    /// <summary>Stops every running server, or those of one owner; used when the module is removed or the process exits.</summary>
    public static void StopAll(Guid? ownerId = null)
    {
        foreach (var server in GetServers().Where(s => (ownerId is null || s.OwnerId == ownerId)
            && s.State is ServerState.Running or ServerState.Starting or ServerState.Stopping))
        {
            server.Stop();
        }
    }

    internal static int NextId() => Interlocked.Increment(ref _lastId);

    internal static void Add(Server server)
    {
        lock (Gate)
        {
            Servers.Add(server);
            var ended = Servers.Where(s => s.State is ServerState.Stopped or ServerState.Faulted).ToList();
            foreach (var old in ended.Take(Math.Max(0, ended.Count - EndedServerLimit)))
            {
                Servers.Remove(old);
            }
        }
    }
}
