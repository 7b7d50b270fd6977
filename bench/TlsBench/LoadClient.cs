using System.Diagnostics;
using System.Text;

namespace TlsBench;

/// <summary>
/// --clients concurrent clients, each looping handshake + GET + read to close + close, for --seconds.
/// Prints counts and p50/p99 latency of a whole cycle.
/// </summary>
internal static class LoadClient
{
    private const int MaxSamplesPerClient = 100_000;

    public static async Task<int> RunAsync(Options o)
    {
        int port = (int)o.Number("port");
        int clients = (int)Math.Clamp(o.Number("clients", 1000), 1, 5000);
        var duration = TimeSpan.FromSeconds(Math.Clamp(o.Number("seconds", 60), 1, 600));
        string path = o.Text("path", "/");
        var request = Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        using var stop = new CancellationTokenSource(duration);
        // A cycle already started may finish after the window; it gets a bounded grace.
        using var hardStop = new CancellationTokenSource(duration + TimeSpan.FromSeconds(30));
        long handshakeFailures = 0, requestFailures = 0, badResponses = 0;
        var samples = new List<double>[clients];
        var errors = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();

        async Task Client(int index)
        {
            var mine = samples[index] = new List<double>();
            var buffer = new byte[16 * 1024];
            while (!stop.IsCancellationRequested && mine.Count < MaxSamplesPerClient)
            {
                var watch = Stopwatch.StartNew();
                System.Net.Security.SslStream stream;
                try
                {
                    stream = await TlsClient.ConnectAsync(port, hardStop.Token);
                }
                catch (Exception e) when (!hardStop.IsCancellationRequested)
                {
                    Interlocked.Increment(ref handshakeFailures);
                    errors.AddOrUpdate("handshake: " + e.GetBaseException().Message, 1, (_, n) => n + 1);
                    continue;
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                try
                {
                    await using (stream)
                    {
                        await stream.WriteAsync(request, hardStop.Token);
                        int total = 0, read;
                        bool ok = false;
                        while ((read = await stream.ReadAsync(buffer, hardStop.Token)) > 0)
                        {
                            ok |= total == 0 && read >= 12 && Encoding.ASCII.GetString(buffer, 0, 12) == "HTTP/1.1 200";
                            total += read;
                        }

                        if (!ok)
                        {
                            Interlocked.Increment(ref badResponses);
                        }
                    }

                    mine.Add(watch.Elapsed.TotalMilliseconds);
                }
                catch (Exception e) when (!hardStop.IsCancellationRequested)
                {
                    Interlocked.Increment(ref requestFailures);
                    errors.AddOrUpdate("request: " + e.GetBaseException().Message, 1, (_, n) => n + 1);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        var started = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(i => Task.Run(() => Client(i))));
        double seconds = started.Elapsed.TotalSeconds;
        var all = samples.Where(s => s is not null).SelectMany(s => s).OrderBy(x => x).ToArray();
        Console.Out.WriteLine($"LOAD clients={clients} seconds={seconds:0.0} completed={all.Length} " +
            $"handshake_failures={handshakeFailures} request_failures={requestFailures} bad_responses={badResponses} " +
            $"rate={all.Length / seconds:0.0} p50_ms={Percentile(all, 0.50):0.0} p99_ms={Percentile(all, 0.99):0.0} " +
            $"max_ms={(all.Length > 0 ? all[^1] : 0):0.0}");
        foreach (var (error, count) in errors.OrderByDescending(e => e.Value).Take(10))
        {
            Console.Out.WriteLine($"ERROR {count} {error}");
        }

        return handshakeFailures + requestFailures + badResponses == 0 ? 0 : 1;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
