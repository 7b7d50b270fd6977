using System.Net.Sockets;
using TlsServer.Engine.Diagnostics;
using TlsServer.Engine.Faults;
using TlsServer.Engine.Runtime;

namespace TlsServer.Engine.Engines.BouncyCastle.Faults;

/// <summary>One connection's share of its server's faults: the session's log, the output ledger, and the parts that apply them.</summary>
internal sealed class ConnectionFaults
{
    public ConnectionFaults(ServerFaults server, SessionRecord record)
    {
        Server = server;
        Log = new FaultLog(server.Plan.Faults);
        record.Faults = Log;
    }

    public ServerFaults Server { get; }

    public IReadOnlyList<TlsFault> All => Server.Plan.Faults;

    public FaultLog Log { get; }

    public OutputLedger Ledger { get; } = new();

    /// <summary>The indexes of the faults of a kind, in the order given.</summary>
    public IEnumerable<int> Indexes(TlsFaultKind kind) => Enumerable.Range(0, All.Count).Where(i => All[i].Kind == kind);

    /// <summary>The first fault of a kind that has no outcome yet on this connection.</summary>
    public int? Pending(TlsFaultKind kind) => Indexes(kind).Where(i => !Log.HasOutcome(i)).Select(i => (int?)i).FirstOrDefault();

    /// <summary>The protocol for a connection: the faulting one when the server has faults.</summary>
    public static ServerProtocol CreateProtocol(ConnectionFaults? faults, SessionActivity activity, ServerCounters counters,
        IProtocolObserver observer, TlsConfiguration tls) =>
        faults is null
            ? new ServerProtocol(activity, counters, observer, tls.Crypto, tls.MaxHandshakeMessageSize) { RecordLayer = tls.RecordLayer }
            : new FaultingServerProtocol(faults, activity, counters, observer, tls.Crypto, tls.MaxHandshakeMessageSize) { RecordLayer = tls.RecordLayer };

    public IOutputSender CreateSender(IOutputSender inner, Socket socket, Action<string> abort) =>
        new FaultSender(inner, socket, Ledger, Log, abort);
}
