using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;
using TlsServer.Engine;

namespace TlsBench;

/// <summary>
/// TlsBench stages: what one resumed TLS 1.2 connection allocates, per stage (<see cref="Stages"/>). The engine runs
/// here, started through its public API like <c>TlsBench server --www</c>; <c>openssl s_time -reuse -tls1_2</c> (a
/// process of its own, so none of its work is counted) warms it up, then loads it while an EventPipe session on this
/// process records the runtime's allocation samples (one about every 100 KB allocated, with the allocating stack).
/// Each sample's bytes go to the stage its stack belongs to; the exact total is the process's allocated bytes over
/// the measured run. With <c>--perf-script FILE</c> it reads <c>perf script</c> output instead (CPU samples, for
/// time per stage; bench/stages.sh makes it from the module in pwsh).
/// </summary>
internal static class StageRun
{
    private const int TypesPerStage = 3;
    private const int SiteCount = 40;
    private const int LeavesPerStage = 6;

    public static async Task<int> RunAsync(Options o)
    {
        if (o.Has("perf-script"))
        {
            return PerfStages(o);
        }

        string outDir = Path.GetFullPath(o.Text("out", "."));
        Directory.CreateDirectory(outDir);
        var server = Server.Start(ServerConfig.Build(new ServerOptions
        {
            Name = "stages",
            Address = "127.0.0.1",
            Port = 0,
            CertificatePath = o.Text("cert"),
            KeyPath = o.Text("key"),
            Mode = ServerMode.Www,
            SessionHistoryLimit = 100,
        }));
        long delivered = 0;
        if (o.Has("subscribe"))
        {
            // A subscriber to every event, as Start-TlsServer -Wait or Register-ObjectEvent would be.
            EventHandler<SessionEventArgs> count = (_, _) => Interlocked.Increment(ref delivered);
            server.ConnectionAccepted += count;
            server.HandshakeCompleted += count;
            server.SessionEnded += count;
            server.AlertReceived += count;
            server.AlertSent += count;
            server.DataReceived += count;
        }

        try
        {
            string[] client = { "s_time", "-connect", $"127.0.0.1:{server.Port}", "-reuse", "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256" };
            await SessionTimeAsync(client, (int)o.Number("warmup", 15));

            string trace = Path.Combine(outDir, "allocations.nettrace");
            var session = new DiagnosticsClient(Environment.ProcessId).StartEventPipeSession(
                new[] { new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Verbose, (long)ClrTraceEventParser.Keywords.GC) },
                requestRundown: true, circularBufferMB: 256);
            var file = File.Create(trace);
            var copy = session.EventStream.CopyToAsync(file);

            var before = server.Statistics;
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            await SessionTimeAsync(client, (int)o.Number("seconds", 10));
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var after = server.Statistics;

            await session.StopAsync(CancellationToken.None);
            await copy;
            await file.DisposeAsync();
            session.Dispose();

            long connections = after.ConnectionsAccepted - before.ConnectionsAccepted;
            long resumed = after.TicketHits + after.SessionCacheHits - before.TicketHits - before.SessionCacheHits;
            if (connections == 0)
            {
                Console.Error.WriteLine("stages: s_time made no connection");
                return 1;
            }

            var report = AllocationReport(trace, connections);
            string heading = $"allocations per resumed TLS 1.2 connection ({(o.Has("subscribe") ? "a subscriber to every event" : "no event subscriber")}): " +
                $"{connections} connections, {resumed} resumed, {allocated / connections} bytes each " +
                $"(the process's allocated bytes over the run){(o.Has("subscribe") ? $", {delivered} events delivered" : "")}";
            string text = heading + "\n\n" + report;
            await File.WriteAllTextAsync(Path.Combine(outDir, o.Has("subscribe") ? "allocations-subscribed.md" : "allocations.md"), text);
            Console.Out.WriteLine(text);
            return 0;
        }
        finally
        {
            server.Stop();
        }
    }

    /// <summary>Bytes per connection and the top types of each stage, from the trace's allocation samples.</summary>
    private static string AllocationReport(string trace, long connections)
    {
        var bytes = new Dictionary<string, long>();
        var samples = new Dictionary<string, int>();
        var types = new Dictionary<(string Stage, string Type), long>();
        var sites = new Dictionary<(string Stage, string Site), long>();
        string etlx = TraceLog.CreateFromEventPipeDataFile(trace);
        using (var log = new TraceLog(etlx))
        {
            foreach (var e in log.Events.ByEventType<GCAllocationTickTraceData>())
            {
                // The allocated type leads the stack: a constructor the JIT inlined leaves no frame, but its type names it.
                var frames = new List<string> { Stages.TypeFrame + e.TypeName };
                for (var s = e.CallStack(); s is not null; s = s.Caller)
                {
                    frames.Add(Stages.Normalize(s.CodeAddress.ModuleName + "!" + s.CodeAddress.FullMethodName));
                }

                string stage = Stages.Of(frames);
                long amount = e.AllocationAmount64;
                bytes[stage] = bytes.GetValueOrDefault(stage) + amount;
                samples[stage] = samples.GetValueOrDefault(stage) + 1;
                types[(stage, e.TypeName)] = types.GetValueOrDefault((stage, e.TypeName)) + amount;
                string site = $"{Short(e.TypeName)} in {Short(frames.Skip(1).FirstOrDefault(Ours) ?? "?")}";
                sites[(stage, site)] = sites.GetValueOrDefault((stage, site)) + amount;
            }
        }

        File.Delete(etlx);
        long measurement = bytes.GetValueOrDefault(Stages.Measurement);
        long total = bytes.Values.Sum() - measurement;
        var lines = new List<string>
        {
            "| stage | bytes per connection | share | samples | largest types (bytes per connection) |",
            "|---|---|---|---|---|",
        };
        foreach (string stage in Stages.All.Where(s => bytes.ContainsKey(s) && s != Stages.Measurement))
        {
            var top = types.Where(t => t.Key.Stage == stage).OrderByDescending(t => t.Value).Take(TypesPerStage)
                .Select(t => $"{t.Key.Type} {t.Value / connections}");
            lines.Add($"| {stage} | {bytes[stage] / connections} | {Percent(bytes[stage], total)} | {samples[stage]} | {string.Join(", ", top)} |");
        }

        lines.Add($"| sampled total | {total / connections} | 100% | {samples.Values.Sum() - samples.GetValueOrDefault(Stages.Measurement)} | |");
        lines.Add(string.Empty);
        lines.Add($"Left out: the measurement's own stream, {measurement / connections} bytes per connection.");
        lines.Add(string.Empty);
        lines.Add("| allocation site: type in the nearest method of the engine or BouncyCastle | stage | bytes per connection |");
        lines.Add("|---|---|---|");
        foreach (var ((stage, site), amount) in sites.Where(s => s.Key.Stage != Stages.Measurement).OrderByDescending(s => s.Value).Take(SiteCount))
        {
            lines.Add($"| {site} | {stage} | {amount / connections} |");
        }

        return string.Join("\n", lines) + "\n";
    }

    /// <summary>CPU per connection and stage from <c>perf script</c> text: --perf-script FILE --connections N [--hz 999].</summary>
    private static int PerfStages(Options o)
    {
        long connections = o.Number("connections");
        double hz = o.Number("hz", 999);
        var samples = new Dictionary<string, long>();
        var leaves = new Dictionary<(string Stage, string Leaf), long>();
        var frames = new List<string>();
        foreach (string line in File.ReadLines(o.Text("perf-script")).Append(string.Empty))
        {
            if (line.Length == 0)
            {
                if (frames.Count > 0)
                {
                    string stage = Stages.Of(frames);
                    samples[stage] = samples.GetValueOrDefault(stage) + 1;
                    leaves[(stage, frames[0])] = leaves.GetValueOrDefault((stage, frames[0])) + 1;
                    frames.Clear();
                }
            }
            else if (line[0] == '\t')
            {
                frames.Add(Stages.Normalize(Symbol(line)));
            }
        }

        long total = samples.Values.Sum();
        var lines = new List<string>
        {
            $"CPU per resumed TLS 1.2 connection by stage (perf, {hz:0} Hz, {total} samples, {connections} connections)",
            string.Empty,
            "| stage | µs per connection | share |",
            "|---|---|---|",
        };
        foreach (string stage in Stages.All.Where(samples.ContainsKey))
        {
            lines.Add($"| {stage} | {Micros(samples[stage]):0.0} | {Percent(samples[stage], total)} |");
        }

        lines.Add($"| total | {Micros(total):0.0} | 100% |");
        lines.Add(string.Empty);
        lines.Add("| stage | where its samples were (the leaf frame), µs per connection |");
        lines.Add("|---|---|");
        foreach (string stage in Stages.All.Where(samples.ContainsKey))
        {
            var top = leaves.Where(l => l.Key.Stage == stage).OrderByDescending(l => l.Value).Take(LeavesPerStage)
                .Select(l => $"{Short(l.Key.Leaf)} {Micros(l.Value):0.0}");
            lines.Add($"| {stage} | {string.Join(", ", top)} |");
        }

        Console.Out.WriteLine(string.Join("\n", lines));
        return 0;

        double Micros(long n) => n / hz * 1e6 / connections;
    }

    /// <summary>The symbol of a perf script frame line: "\t addr symbol+off (dso)".</summary>
    private static string Symbol(string line)
    {
        string s = line.Trim();
        int space = s.IndexOf(' ');
        s = space < 0 ? s : s[(space + 1)..];
        int dso = s.LastIndexOf(" (", StringComparison.Ordinal);
        return dso < 0 ? s : s[..dso];
    }

    /// <summary>A frame of the engine's or BouncyCastle's code (an allocation's site), not the runtime's.</summary>
    private static bool Ours(string frame) =>
        frame.Contains("TlsServer.Engine", StringComparison.Ordinal) || frame.Contains("Org.BouncyCastle", StringComparison.Ordinal);

    /// <summary>A type or method without its module, arguments and the two projects' namespace roots.</summary>
    private static string Short(string name)
    {
        name = name[(name.IndexOf('!') + 1)..];
        int arguments = name.IndexOf('(');
        name = arguments < 0 ? name : name[..arguments];
        return name.Replace("TlsServer.Engine.", string.Empty, StringComparison.Ordinal)
            .Replace("Org.BouncyCastle.", string.Empty, StringComparison.Ordinal)
            .Replace("System.", string.Empty, StringComparison.Ordinal);
    }

    private static string Percent(long part, long total) =>
        (100.0 * part / Math.Max(total, 1)).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>openssl s_time for a bounded time; its output is not needed (the server counts the connections).</summary>
    private static async Task SessionTimeAsync(string[] client, int seconds)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in client.Append("-time").Append(seconds.ToString(CultureInfo.InvariantCulture)))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start");
        var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 30));
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
        }

        await drain;
    }
}
