namespace TlsBench;

/// <summary>
/// The stages of one resumed TLS 1.2 connection, and which stage a stack (an allocation sample's or a perf sample's)
/// belongs to. The named stages come first, in <see cref="Named"/>'s order, whatever the frame's depth: a snapshot made
/// for an event counts as events although a SessionRecord frame is under it, and the session record made in the
/// connection's constructor counts as the session record, not the connection object. A stack that names none of them
/// belongs to the <see cref="Nearest"/> stage of the frame nearest its leaf: the connection runs inside the accept
/// loop's and the readiness loop's frames, so those frames say only what their own code spends.
/// </summary>
internal static class Stages
{
    public const string Other = "other (runtime, GC without a managed caller)";

    /// <summary>TlsBench stages' own EventPipe stream, left out of the figures per connection.</summary>
    public const string Measurement = "the measurement (EventPipe's stream)";

    /// <summary>Frame name fragments (after "::" became "."), per stage, in the order stages are tried.</summary>
    public static readonly (string Stage, string[] Frames)[] Named =
    {
        (Measurement, new[]
        {
            "System.IO.Pipes.", "Microsoft.Diagnostics.", "System.IO.Stream.CopyTo",
        }),
        // The snapshots too: here only events make them (Get-TlsSession would too).
        ("events", new[]
        {
            "Runtime.ServerEvents.", "SessionEventArgs", "TlsBench.StageRun", "System.Threading.Channels.",
            "SessionRecord.Snapshot", "TlsServer.Engine.Session..ctor", TypeFrame + "TlsServer.Engine.Session",
        }),
        ("ticket/cache lookup", new[]
        {
            "Resumption.SessionResumption.", "Resumption.TicketState.", "Resumption.SessionTicketKey.", "Resumption.LocalChains.",
            "Resumption.SessionCache.", "Resumption.ResumptionContext.", "TlsUtilities.ImportSession",
        }),
        ("record setup (key block, ciphers)", new[]
        {
            "TlsUtilities.InitCipher", "TlsImplUtilities.CalculateKeyBlock", ".CreateCipher(", "TlsAeadCipher..ctor",
            "Crypto.DotNetAeadCipher", "RecordStream.SetPendingCipher", "RecordStream.EnablePending",
            "RecordStream.NotifyChangeCipherSpecReceived", "RecordStream.SentWriteCipherSpec",
        }),
        // The ClientHello the session keeps, and the diagnostics' copy of each handshake message (ServerProtocol.Observe, into
        // which the JIT inlines the observer).
        ("session record (its ClientHello too)", new[]
        {
            "Runtime.SessionRecord", "Runtime.SessionTable.", "Runtime.SessionActivity.", "ServerRuntime.NewSession",
            "BouncyCastle.Negotiated.", "Runtime.NegotiatedState", "ServerPeer.NotifyOfferedCipherSuites", "CipherSuiteNames.",
            "ConnectionDiagnostics.HandshakeReceived", "BouncyCastle.ServerProtocol.Observe",
        }),
        ("connection object, timers, end", new[]
        {
            "BouncyCastle.Connection..ctor", "Runtime.StreamConnection..ctor", "Runtime.ConnectionBase..ctor",
            "BouncyCastleEngine.Accept", "ServerRuntime.ApplicationFor", "Application..ctor", "ConnectionFaults.CreateProtocol",
            "ServerProtocol..ctor", "ServerPeer..ctor", "SocketOutputSender..ctor", "KeyLogSecrets", "Diagnostics.ConnectionDiagnostics",
            "Runtime.CloseSignal", "Connection.ArmDeadline", "System.Threading.CancellationTokenSource", "System.Threading.TimerQueue",
            "CancellationToken.Register", "ISocketReceiver.Create", "ConnectionBase.Finish", "ServerRuntime.Ended",
            "Socket.Dispose", "SafeSocketHandle.ReleaseHandle", "SafeSocketHandle.CloseAsIs", "ServerCounters.", "sys_close",
        }),
    };

    /// <summary>The stages of the frame nearest the leaf, when no named stage claims the stack.</summary>
    public static readonly (string Stage, string[] Frames)[] Nearest =
    {
        ("accept", new[]
        {
            "Transports.SocketAcceptor", "System.Net.Sockets.Socket.Accept", "Socket.set_NoDelay", "Socket.SetSocketOption",
            "System.Net.Sockets.Socket..ctor", "ServerRuntime.TryAdmit", "accept4", "sys_accept",
        }),
        ("handshake messages (BouncyCastle, ServerPeer, ClientHelloRules)", new[]
        {
            "Org.BouncyCastle.", "BouncyCastle.ServerPeer", "BouncyCastle.ServerProtocol", "BouncyCastle.HandshakeFraming",
            "BouncyCastle.ClientHelloRules", "BouncyCastle.Crypto.", "Diagnostics.ClientHelloParser",
        }),
        ("socket reads, sends, readiness", new[]
        {
            "Transports.", "SocketOutputSender", "System.Net.Sockets.", "__send", "__recv", "__libc_recv", "__libc_send",
            "epoll_wait", "sys_sendto", "sys_recvfrom", "sys_epoll",
        }),
        ("connection loop (RunAsync, OfferAsync, async machinery)", new[]
        {
            "BouncyCastle.Connection", "Runtime.ServerRuntime.", "System.Threading.Tasks.", "System.Runtime.CompilerServices.",
            "System.Threading.ExecutionContext",
        }),
    };

    /// <summary>How an allocation sample's type leads its stack.</summary>
    public const string TypeFrame = "type!";

    /// <summary>Every stage, in the order tables list them.</summary>
    public static IEnumerable<string> All =>
        Named.Select(s => s.Stage).Concat(Nearest.Select(s => s.Stage)).Append(Other);

    /// <summary>The stage of a stack given leaf first, its frames <see cref="Normalize"/>d.</summary>
    public static string Of(IReadOnlyList<string> frames)
    {
        foreach (var (stage, patterns) in Named)
        {
            if (frames.Any(f => Names(f, patterns)))
            {
                return stage;
            }
        }

        // An allocation's type (TlsBench stages puts it first, as "type!Name") names only the named stages.
        foreach (var frame in frames.Where(f => !f.StartsWith(TypeFrame, StringComparison.Ordinal)))
        {
            foreach (var (stage, patterns) in Nearest)
            {
                if (Names(frame, patterns))
                {
                    return stage;
                }
            }
        }

        return Other;
    }

    /// <summary>A frame's name in one spelling for perf ("Type::Method") and TraceEvent ("Module!Type.Method").</summary>
    public static string Normalize(string frame) => frame.Replace("::", ".", StringComparison.Ordinal);

    private static bool Names(string frame, string[] patterns) =>
        patterns.Any(p => frame.Contains(p, StringComparison.Ordinal));
}
