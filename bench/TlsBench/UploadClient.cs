using System.Diagnostics;
using System.Net.Security;
using System.Security.Authentication;

namespace TlsBench;

/// <summary>
/// Sends --bytes of application data over one TLS 1.3 connection with one cipher suite, then close_notify, and
/// waits for the server to close. Prints MB/s. The bulk client for servers that read what a client sends
/// (TlsServer's interactive mode, s_server's default mode).
/// </summary>
internal static class UploadClient
{
    public static async Task<int> RunAsync(Options o)
    {
        int port = (int)o.Number("port");
        long bytes = Math.Clamp(o.Number("bytes", 64L * 1024 * 1024), 1, 1L << 32);
        var suite = Enum.Parse<TlsCipherSuite>(o.Text("tls13-suite", nameof(TlsCipherSuite.TLS_AES_128_GCM_SHA256)));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Clamp(o.Number("seconds", 120), 1, 600)));
        var chunk = new byte[16 * 1024];
        Random.Shared.NextBytes(chunk);

        var watch = Stopwatch.StartNew();
        await using var stream = await TlsClient.ConnectAsync(port, timeout.Token, SslProtocols.Tls13, suite);
        var negotiated = stream.NegotiatedCipherSuite;
        for (long left = bytes; left > 0; left -= chunk.Length)
        {
            await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, left)), timeout.Token);
        }

        await stream.ShutdownAsync();
        var sink = new byte[4096];
        try
        {
            while (await stream.ReadAsync(sink, timeout.Token) > 0)
            {
            }
        }
        catch (IOException)
        {
            // The server may reset rather than answer close_notify; all data was already acknowledged by then.
        }

        double seconds = watch.Elapsed.TotalSeconds;
        Console.Out.WriteLine($"UPLOAD bytes={bytes} seconds={seconds:0.000} MBps={bytes / 1e6 / seconds:0.0} suite={negotiated}");
        return 0;
    }
}
