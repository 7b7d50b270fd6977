using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using TlsServer.Engine;

namespace TlsBench;

/// <summary>
/// The engine in a process of the bench's own, so /proc/&lt;pid&gt; measures the server and nothing else.
/// Prints "PORT n" when listening; on SIGTERM stops the server and prints its statistics.
/// </summary>
internal static class BenchServer
{
    private const int DistinctErrorLimit = 20;

    public static async Task<int> RunAsync(Options o)
    {
        long unhandled = 0;
        var thrown = new ConcurrentDictionary<string, int>();
        AppDomain.CurrentDomain.FirstChanceException += (_, e) =>
        {
            string key = e.Exception.GetType().Name + ": " + e.Exception.Message;
            if (thrown.Count < DistinctErrorLimit || thrown.ContainsKey(key))
            {
                thrown.AddOrUpdate(key, 1, (_, n) => n + 1);
            }
        };
        AppDomain.CurrentDomain.UnhandledException += (_, _) => Interlocked.Increment(ref unhandled);
        TaskScheduler.UnobservedTaskException += (_, e) =>
        {
            Interlocked.Increment(ref unhandled);
            e.SetObserved();
        };

        var server = Server.Start(ServerConfig.Build(new ServerOptions
        {
            Name = "bench",
            Address = "127.0.0.1",
            Port = (int)o.Number("port", 0),
            CertificatePath = o.Text("cert"),
            KeyPath = o.Text("key"),
            Mode = o.Has("www-root") ? ServerMode.WwwRoot : o.Has("www") ? ServerMode.Www : o.Has("reverse") ? ServerMode.Reverse : ServerMode.Interactive,
            DocumentRoot = o.Has("www-root") ? Path.GetFullPath(o.Text("www-root")) : null,
            ReceiveBufferLimit = (int)o.Number("receive-limit", ServerLimits.ReceiveBufferLimit.Default),
            ConnectionLimit = (int)o.Number("connection-limit", ServerLimits.ConnectionLimit.Default),
            SessionHistoryLimit = 100,
        }));

        var failures = new ConcurrentDictionary<string, int>();
        server.SessionEnded += (_, e) =>
        {
            if (e.Session.State == nameof(SessionState.Failed) && (failures.Count < DistinctErrorLimit || failures.ContainsKey(e.Session.Error ?? "")))
            {
                failures.AddOrUpdate(e.Session.Error ?? "", 1, (_, n) => n + 1);
            }
        };

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        Console.Out.WriteLine($"PORT {server.Port}");
        Console.Out.Flush();
        await stop.Task;

        var before = server.Statistics;
        long allocated = GC.GetTotalAllocatedBytes();
        string collections = $"gc0={GC.CollectionCount(0)} gc1={GC.CollectionCount(1)} gc2={GC.CollectionCount(2)}";
        string jitted = $"jitted_methods={System.Runtime.JitInfo.GetCompiledMethodCount()} jit_ms={(long)System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds}";
        server.Stop();
        Console.Out.WriteLine($"STATS accepted={before.ConnectionsAccepted} completed={before.HandshakesCompleted} " +
            $"failed={before.HandshakesFailed} timeouts={before.HandshakeTimeouts} refused={before.ConnectionsRefused} " +
            $"unhandled={Interlocked.Read(ref unhandled)} allocated_bytes={allocated} {collections} {jitted}");
        foreach (var (error, count) in failures.OrderByDescending(f => f.Value))
        {
            Console.Out.WriteLine($"FAILED {count} {error}");
        }

        foreach (var (exception, count) in thrown.OrderByDescending(f => f.Value))
        {
            Console.Out.WriteLine($"THROWN {count} {exception}");
        }

        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }
    }
}
