using System.Net.Security;

namespace TlsBench;

/// <summary>
/// Opens --count TLS connections (at most --parallel handshakes at once), prints "HELD n" and keeps them idle
/// until stdin closes or --seconds pass, then closes them all.
/// </summary>
internal static class HoldClient
{
    public static async Task<int> RunAsync(Options o)
    {
        int port = (int)o.Number("port");
        int count = (int)Math.Min(o.Number("count", 10_000), 20_000);
        int parallel = (int)Math.Clamp(o.Number("parallel", 64), 1, 1000);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Clamp(o.Number("seconds", 120), 1, 1800)));
        var held = new SslStream?[count];
        int next = -1, failed = 0;
        var started = DateTime.UtcNow;

        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count && !timeout.IsCancellationRequested)
            {
                try
                {
                    held[i] = await TlsClient.ConnectAsync(port, timeout.Token);
                }
                catch (Exception) when (!timeout.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }

        try
        {
            await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => Task.Run(Worker)));
        }
        catch (OperationCanceledException)
        {
            // timed out while connecting: report what is held
        }

        int established = held.Count(s => s is not null);
        Console.Out.WriteLine($"HELD {established} failed={failed} seconds={(DateTime.UtcNow - started).TotalSeconds:0.0}");
        Console.Out.Flush();

        var stdinClosed = Task.Run(() => Console.In.ReadToEnd());
        await Task.WhenAny(stdinClosed, Task.Delay(Timeout.Infinite, timeout.Token).ContinueWith(_ => { }));
        foreach (var stream in held)
        {
            stream?.Dispose();
        }

        return established == count ? 0 : 1;
    }
}
