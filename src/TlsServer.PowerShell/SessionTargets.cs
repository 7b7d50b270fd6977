using System.Management.Automation;
using TlsServer.Engine;

namespace TlsServer.PowerShell;

/// <summary>A session a cmdlet acts on: its live server, and the session as it is now.</summary>
internal readonly record struct SessionTarget(Server Server, Session Session);

/// <summary>
/// The sessions the session cmdlets act on, given as session objects (-Session) or as a server and session ids
/// (-Server, -Id, also by property name from the pipeline). What cannot be found is a non-terminating error
/// (ServerNotFound, SessionNotFound), so the pipeline goes on.
/// </summary>
internal static class SessionTargets
{
    public static IEnumerable<SessionTarget> Resolve(Cmdlet cmdlet, IEnumerable<Session>? sessions, ServerReference? server, IEnumerable<long>? ids)
    {
        if (sessions is not null)
        {
            foreach (var session in sessions)
            {
                foreach (var live in ServerSelection.Resolve(cmdlet, new[] { session.Server }))
                {
                    if (Find(cmdlet, live, session.Id) is { } target)
                    {
                        yield return target;
                    }
                }
            }

            yield break;
        }

        foreach (var live in ServerSelection.Resolve(cmdlet, new[] { server! }))
        {
            foreach (long id in ids ?? Array.Empty<long>())
            {
                if (Find(cmdlet, live, id) is { } target)
                {
                    yield return target;
                }
            }
        }
    }

    private static SessionTarget? Find(Cmdlet cmdlet, Server server, long id)
    {
        try
        {
            return new SessionTarget(server, server.GetSession(id));
        }
        catch (TlsServerException e)
        {
            cmdlet.WriteError(ErrorRecords.From(e));
            return null;
        }
    }
}
