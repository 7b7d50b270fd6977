using System.Management.Automation;
using System.Text.RegularExpressions;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Interop;

/// <summary>openssl s_client -reconnect, -sess_out and -sess_in against the session cache, tickets and contexts.</summary>
public sealed class SessionResumptionTests : IDisposable
{
    private readonly PowerShellSession _ps = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("tlsserver-sessions-").FullName;

    [Fact]
    public void ReconnectResumesFromTheSessionCacheWithThePrefix()
    {
        int port = Start("$server = Start-TlsServer -Port 0 -Protocol Tls12 -NoTicket -SessionIdPrefix 'lab1-'");

        string output = Reconnect(port, "-no_ticket");

        Assert.Equal(new[] { "New", "Reused", "Reused", "Reused", "Reused", "Reused" }, Handshakes(output));
        var sessions = EndedSessions(6);
        Assert.False((bool)sessions[0].Properties["Resumed"].Value);
        Assert.All(sessions.Skip(1), s => Assert.True((bool)s.Properties["Resumed"].Value));
        Assert.All(sessions.Skip(1), s => Assert.Equal("SessionId", s.Properties["ResumedBy"].Value?.ToString()));
        string prefix = Convert.ToHexString("lab1-"u8);
        Assert.All(sessions, s => Assert.StartsWith(prefix, (string)s.Properties["SessionId"].Value));
        Assert.Contains($"Session-ID: {prefix}", output);
        Assert.Equal(5L, Statistic("SessionCacheHits"));
        Assert.Equal(1L, Statistic("SessionCacheEntries"));
        Assert.Equal(0L, Statistic("TicketsIssued"));
        Assert.DoesNotContain("TLS session ticket:", output);
    }

    [Fact]
    public void ReconnectResumesWithASessionTicket()
    {
        int port = Start("$server = Start-TlsServer -Port 0 -Protocol Tls12");

        string output = Reconnect(port);

        Assert.Equal(new[] { "New", "Reused", "Reused", "Reused", "Reused", "Reused" }, Handshakes(output));
        Assert.Contains("TLS session ticket lifetime hint: 7200", output);
        var sessions = EndedSessions(6);
        Assert.True((bool)sessions[0].Properties["TicketIssued"].Value);
        Assert.All(sessions.Skip(1), s => Assert.Equal("Ticket", s.Properties["ResumedBy"].Value?.ToString()));
        Assert.Equal(1L, Statistic("TicketsIssued"));
        Assert.Equal(5L, Statistic("TicketHits"));
        Assert.Equal(0L, Statistic("SessionCacheHits"));
    }

    [Theory]
    [InlineData("-NoSessionCache -NoTicket", "")]
    [InlineData("-NoSessionCache", "-no_ticket")]
    public void NoSessionCachePreventsResumption(string serverOptions, string clientOption)
    {
        int port = Start($"$server = Start-TlsServer -Port 0 -Protocol Tls12 {serverOptions}");

        string output = Reconnect(port, clientOption.Length > 0 ? new[] { clientOption } : Array.Empty<string>());

        Assert.Equal(Enumerable.Repeat("New", 6), Handshakes(output));
        Assert.All(EndedSessions(6), s => Assert.False((bool)s.Properties["Resumed"].Value));
        Assert.All(EndedSessions(6), s => Assert.Null(s.Properties["SessionId"].Value));
        Assert.Equal(0L, Statistic("SessionCacheEntries"));
        Assert.False(_ps.Get<bool>("$server.Resumption.SessionCacheEnabled"));
    }

    [Fact]
    public void NoSessionCacheStillResumesWithTicketsAsOpenSslDoes()
    {
        int port = Start("$server = Start-TlsServer -Port 0 -Protocol Tls12 -NoSessionCache");

        string output = Reconnect(port);

        Assert.Equal(new[] { "New", "Reused", "Reused", "Reused", "Reused", "Reused" }, Handshakes(output));
        Assert.All(EndedSessions(6).Skip(1), s => Assert.Equal("Ticket", s.Properties["ResumedBy"].Value?.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-NoTicket")]
    public void SessionsResumeOnlyWithinTheSameContext(string ticketOption)
    {
        _ps.Run($"""
            $a = Start-TlsServer -Port 0 -Protocol Tls12 -SessionContext 'shop' {ticketOption}
            $b = Start-TlsServer -Port 0 -Protocol Tls12 -SessionContext 'shop' {ticketOption}
            $c = Start-TlsServer -Port 0 -Protocol Tls12 -SessionContext 'other' {ticketOption}
            $d = Start-TlsServer -Port 0 -Protocol Tls12 {ticketOption}
            """);
        string file = Path.Combine(_directory, "shop.pem");

        Assert.Equal("New", Connect("$a", "-sess_out", file));

        Assert.Equal("Reused", Connect("$b", "-sess_in", file));
        Assert.Equal("New", Connect("$c", "-sess_in", file));
        Assert.Equal("New", Connect("$d", "-sess_in", file));
        Assert.Equal("Reused", Connect("$a", "-sess_in", file));
        var resumedOnB = _ps.Run("Wait-TlsSession -Server $b -State Closed -TimeoutSec 10").Single();
        Assert.True((bool)resumedOnB.Properties["Resumed"].Value);
        Assert.Equal(ticketOption.Length == 0 ? "Ticket" : "SessionId", resumedOnB.Properties["ResumedBy"].Value?.ToString());
        Assert.Equal(1L, _ps.Get<long>(ticketOption.Length == 0 ? "$c.Statistics.TicketsRejected" : "$c.Statistics.SessionCacheMisses"));
    }

    [Fact]
    public void AFullCacheEvictsTheOldestSession()
    {
        Start("$server = Start-TlsServer -Port 0 -Protocol Tls12 -NoTicket -SessionCacheSize 1");
        string first = Path.Combine(_directory, "first.pem");
        string second = Path.Combine(_directory, "second.pem");
        Assert.Equal("New", Connect("$server", "-sess_out", first, "-no_ticket"));

        Assert.Equal("New", Connect("$server", "-sess_out", second, "-no_ticket"));

        Assert.Equal(1L, Statistic("SessionCacheFull"));
        Assert.Equal(1L, Statistic("SessionCacheEntries"));
        Assert.Equal("Reused", Connect("$server", "-sess_in", second, "-no_ticket"));
        Assert.Equal("New", Connect("$server", "-sess_in", first, "-no_ticket"));
        Assert.Equal(1L, Statistic("SessionCacheHits"));
    }

    [Fact]
    public void AnExpiredSessionIsNotResumed()
    {
        Start("$server = Start-TlsServer -Port 0 -Protocol Tls12 -NoTicket -SessionCacheTimeoutSec 1");
        string file = Path.Combine(_directory, "short.pem");
        Assert.Equal("New", Connect("$server", "-sess_out", file, "-no_ticket"));

        Thread.Sleep(TimeSpan.FromSeconds(1.5));

        Assert.Equal("New", Connect("$server", "-sess_in", file, "-no_ticket"));
        Assert.Equal(1L, Statistic("SessionCacheTimeouts"));
        Assert.Equal(0L, Statistic("SessionCacheHits"));
    }

    [Fact]
    public void Tls13ClientsAlwaysDoAFullHandshake()
    {
        int port = Start("$server = Start-TlsServer -Port 0");

        string output = Reconnect(port, "-tls1_3");

        Assert.Equal(Enumerable.Repeat("New", 6), Handshakes(output));
        Assert.All(EndedSessions(6), s => Assert.Equal("Tls13", s.Properties["Protocol"].Value.ToString()));
        Assert.All(EndedSessions(6), s => Assert.False((bool)s.Properties["Resumed"].Value));
        Assert.Contains("BouncyCastle", _ps.Get<string>("$server.Resumption.Tls13Resumption"));
    }

    private int Start(string script) => _ps.Get<int>(script + "; $server.Port");

    private long Statistic(string name) => Convert.ToInt64(_ps.Run($"$server.Statistics.{name}").Single().BaseObject);

    /// <summary>s_client -reconnect: six handshakes with one session; returns s_client's full output.</summary>
    private static string Reconnect(int port, params string[] options)
    {
        var result = OpenSsl.Run(new[] { "s_client", "-connect", $"127.0.0.1:{port}", "-reconnect" }.Concat(options).ToArray());
        Assert.False(result.TimedOut, result.AllOutput);
        return result.AllOutput;
    }

    /// <summary>One s_client connection to a server held in a variable; returns New or Reused as s_client saw it.</summary>
    private string Connect(string server, params string[] options)
    {
        int port = _ps.Get<int>($"{server}.Port");
        var result = OpenSsl.Run(new[] { "s_client", "-connect", $"127.0.0.1:{port}" }.Concat(options).ToArray());
        return Handshakes(result.AllOutput).Single();
    }

    private static string[] Handshakes(string output) =>
        Regex.Matches(output, @"^(New|Reused), TLSv1\.[23]", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToArray();

    private List<PSObject> EndedSessions(int count)
    {
        var sessions = _ps.Run($"Wait-TlsSession -Server $server -State Closed -Count {count} -TimeoutSec 10").ToList();
        Assert.Equal(count, sessions.Count);
        return sessions;
    }

    public void Dispose()
    {
        _ps.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
