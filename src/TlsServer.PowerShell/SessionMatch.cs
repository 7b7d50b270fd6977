using TlsServer.Engine;
using SessionState = TlsServer.Engine.SessionState;

namespace TlsServer.PowerShell;

/// <summary>What Wait-TlsSession -State waits for: a session in any of the states given.</summary>
internal static class SessionMatch
{
    /// <summary>
    /// Established: the handshake completed, even if the session has ended since. Closed: ended, either way.
    /// Failed and Handshaking: the current state. None: any accepted connection.
    /// </summary>
    public static Func<Session, bool> For(IReadOnlyCollection<SessionState>? states)
    {
        if (states is null || states.Count == 0)
        {
            return _ => true;
        }

        var matches = states.Select(For).ToArray();
        return s => matches.Any(match => match(s));
    }

    private static Func<Session, bool> For(SessionState state) => state switch
    {
        SessionState.Established => s => s.HandshakeCompleted,
        SessionState.Closed => s => s.State is nameof(SessionState.Closed) or nameof(SessionState.Failed),
        _ => s => s.State == state.ToString(),
    };
}
