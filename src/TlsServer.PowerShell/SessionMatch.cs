using TlsServer.Engine;
using SessionState = TlsServer.Engine.SessionState;

namespace TlsServer.PowerShell;

/// <summary>What Wait-TlsSession -State waits for.</summary>
internal static class SessionMatch
{
    /// <summary>
    /// Established: the handshake completed, even if the session has ended since. Closed: ended, either way.
    /// Failed and Handshaking: the current state. None: any accepted connection.
    /// </summary>
    public static Func<Session, bool> For(SessionState? state) => state switch
    {
        null => _ => true,
        SessionState.Established => s => s.HandshakeCompleted,
        SessionState.Closed => s => s.State is SessionState.Closed or SessionState.Failed,
        var exact => s => s.State == exact,
    };
}
