using System.Text.RegularExpressions;
using TlsServer.Tests.Harness;
using TlsServer.Tests.Negotiation;

namespace TlsServer.Tests.Interop;

/// <summary>-ReadBufferSize and -NonBlockingTest, seen in the -HexDump trace, with s_client and curl as peers.</summary>
public sealed class SocketIoTests : NegotiationSession
{
    [Fact]
    public void ReadsAreNeverLongerThanReadBufferSize()
    {
        var (reads, _) = Exchange("-ReadBufferSize 16");

        Assert.True(reads.Length > 20, string.Join(",", reads));
        Assert.All(reads, n => Assert.InRange(n, 1, 16));
    }

    [Fact]
    public void ByDefaultAClientHelloIsReadInOnePiece()
    {
        var (reads, _) = Exchange("");

        Assert.Contains(reads, n => n > 200);
    }

    [Fact]
    public void NonBlockingTestCutsReadsAndWritesAndPeersStillComplete()
    {
        var (plainReads, plainWrites) = Exchange("");
        var (reads, writes) = Exchange("-NonBlockingTest");

        // A read that waits takes 1 byte; a flight of n bytes goes out whole with chance 1/n.
        Assert.True(writes.Length > plainWrites.Length, $"{writes.Length} writes vs {plainWrites.Length}");
        Assert.True(reads.Length > plainReads.Length, $"reads {string.Join(",", reads)} vs {string.Join(",", plainReads)}; writes {string.Join(",", writes)}");
    }

    [Fact]
    public void CurlFetchesThePageThroughShortWrites()
    {
        int port = Start("-Www -NonBlockingTest -MaxSendFragment 512");

        var response = Curl.Get($"https://127.0.0.1:{port}/");

        Assert.Equal(200, response.Status);
        Assert.Contains("</html>", response.Text);
    }

    /// <summary>s_client fetches the -Www page; returns the sizes of the server's socket reads and writes from the trace.</summary>
    private (int[] Reads, int[] Writes) Exchange(string arguments)
    {
        string trace = Path.Combine(Path.GetTempPath(), $"socketio-{Guid.NewGuid():N}.txt");
        try
        {
            int port = Start($"{Rsa} -Www -HexDump -TraceFile '{trace}' {arguments}");
            var client = OpenSsl.Connect(port, "GET / HTTP/1.0\r\n\r\n", "-tls1_3", "-ign_eof");
            Assert.Contains("</html>", client.Process.AllOutput);
            Ended();
            Ps.Run("$server | Stop-TlsServer");
            string text = File.ReadAllText(trace);
            return (Sizes(text, "read from"), Sizes(text, "write to"));
        }
        finally
        {
            File.Delete(trace);
        }
    }

    private static int[] Sizes(string trace, string verb) =>
        Regex.Matches(trace, $@"^{verb} socket \((\d+) bytes", RegexOptions.Multiline).Select(m => int.Parse(m.Groups[1].Value)).ToArray();
}
