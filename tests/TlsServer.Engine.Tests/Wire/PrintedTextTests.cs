using System.Text;
using Org.BouncyCastle.Tls;

namespace TlsServer.Engine.Tests.Wire;

/// <summary>A host name with terminal control characters (BEL, ESC, DEL, a C1 CSI byte) reaches no printed output raw (item 14): not the session, not -Msg, -State or -TlsExtDebug text, not the trace file.</summary>
public sealed class PrintedTextTests : IDisposable
{
    private static readonly byte[] HostileName = "bell\u0007esc\u001b[31mdel\u007f"u8.ToArray().Append((byte)0x9b).Concat("2J.test"u8.ToArray()).ToArray();
    private readonly string _traceFile = Path.Combine(Path.GetTempPath(), $"tlsserver-trace-{Guid.NewGuid():N}.txt");

    [Fact]
    public async Task TheSessionTheTraceAndTheTraceFileShowTheNameEscaped()
    {
        var host = TestServers.Start(new ServerOptions
        {
            Address = "127.0.0.1", Port = 0,
            Diagnostics = new DiagnosticOptions { Messages = true, State = true, TraceFile = _traceFile },
            Extensions = new ExtensionOptions { TlsExtDebug = true },
        });

        using (host)
        {
            await HandshakeWithTheHostileName(host.Server);
        }

        string file = File.ReadAllText(_traceFile);
        Assert.Contains("TLS client extension \"server name\"", file);
        AssertPrintable(file);
    }

    public void Dispose() => File.Delete(_traceFile);

    private static async Task HandshakeWithTheHostileName(Server server)
    {
        var (client, failure) = await ScriptedTlsClient.ConnectAsync(server.Port, ProtocolVersion.TLSv13, hostName: HostileName);
        using (client)
        {
            Assert.Null(failure);
            Assert.Equal("close_notify", await client.CloseAsync());
        }

        var session = server.WaitForSessions(s => s.State == nameof(SessionState.Closed), 1, TimeSpan.FromSeconds(20), default).Single();
        Assert.Equal(@"bell\x07esc\x1b[31mdel\x7f\x9b2J.test", session.ServerName);
        Assert.Equal(session.ServerName, session.ClientHello?.ServerName);
        AssertPrintable(Diagnostics.BriefText.Established(session)); // -Brief's CONNECTION ESTABLISHED text
        var trace = new StringBuilder();
        while (server.TryTakeTrace(out var text))
        {
            trace.Append(text);
        }

        Assert.Contains("TLS client extension \"server name\"", trace.ToString()); // -TlsExtDebug dumps it: control bytes show as '.'
        AssertPrintable(trace.ToString());
    }

    private static void AssertPrintable(string text)
    {
        var raw = text.Where(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')).ToArray();
        Assert.True(raw.Length == 0, "raw control characters: " + string.Join(" ", raw.Select(c => $"U+{(int)c:X4}")));
    }
}
