using System.Net;
using TlsServer.Engine.Applications;
using TlsServer.Engine.Diagnostics;
using TlsServer.Engine.Runtime;

namespace TlsServer.Engine.Engines;

/// <summary>
/// What an engine's connections may ask of the server that runs them (the runtime): a session record, the mode's
/// application, counters and diagnostics, and the moments of a connection's life. Engines never see the runtime.
/// </summary>
internal interface IConnectionHost
{
    ServerCounters Counters { get; }

    /// <summary>The trace text and key log the connections share.</summary>
    ServerDiagnostics Diagnostics { get; }

    /// <summary>Cancelled when the server stops.</summary>
    CancellationToken Stopping { get; }

    /// <summary>True once MaxConnections clients have been accepted: a datagram transport opens no more associations.</summary>
    bool AcceptedAll { get; }

    /// <summary>Whether someone listens for DataReceived events (they are only raised then).</summary>
    bool WantsData { get; }

    /// <summary>A new session, numbered in the server's table; shared once <see cref="Started"/> is called.</summary>
    SessionRecord NewSession(IPEndPoint? remote, IPEndPoint? local);

    /// <summary>The mode's application (interactive, -www, -WWW, -HTTP, -rev) for a connection.</summary>
    IApplication ApplicationFor(ITlsConnection connection);

    /// <summary>For a transport that admits its own clients (DTLS): false, counted as refused, beyond ConnectionLimit.</summary>
    bool TryAdmit();

    /// <summary>Counts the connection, puts its session in the table, raises ConnectionAccepted and runs it (on this thread until it first waits, unless <paramref name="runHere"/> is false).</summary>
    void Started(ITlsConnection connection, bool runHere = true);

    /// <summary>The handshake completed: the session takes the state, the counters move, the event is raised.</summary>
    void HandshakeCompleted(ITlsConnection connection, ConnectionDiagnostics diagnostics, NegotiatedState state);

    void Event(ServerEventKind kind, SessionRecord record, TlsAlert? alert = null, byte[]? data = null);

    /// <summary>Ends the session once (a fatal alert counts as a failure) and forgets the connection.</summary>
    void Ended(ITlsConnection connection, ConnectionOutcome outcome, bool established);
}
