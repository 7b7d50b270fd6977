using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Hosted;

/// <summary>The format views of the diagnostic objects, as the host renders them.</summary>
public sealed class MessageFormatTests
{
    private const string Handshake = """
        $server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Msg
        $tcp = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $server.Port)
        $ssl = [System.Net.Security.SslStream]::new($tcp.GetStream(), $false, { $true })
        $ssl.AuthenticateAsClient('localhost')
        $ssl.Dispose(); $tcp.Dispose()
        $null = Wait-TlsSession -Server $server -State Closed, Failed -TimeoutSec 10
        """;

    [Fact]
    public void MessagesRenderAsATable()
    {
        var result = HostProcess.Run(Handshake + "\nGet-TlsSession -Server $server | Get-TlsMessage");

        Assert.Equal(0, result.ExitCode);
        var lines = Plain(result.StandardOutput).Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();
        Assert.Matches(@"^\s*Index\s+Direction\s+Type\s+Length\s+Summary$", lines[0]);
        Assert.Matches(@"^\s*0\s+Received\s+client_hello\s+\d+\s+versions ", lines[2]);
        Assert.Matches(@"^\s*1\s+Sent\s+server_hello\s+\d+\s+TLSv1\.", lines[3]);
    }

    [Fact]
    public void WaitShowsTheTraceTextOnTheHost()
    {
        using var host = HostProcess.Start("Start-TlsServer -Port 0 -Address 127.0.0.1 -Wait -MaxConnections 1 -State | ForEach-Object { 'ENDED ' + $_.State }");
        try
        {
            string banner = host.StandardOutput.ReadLine() ?? string.Empty;
            var port = System.Text.RegularExpressions.Regex.Match(banner, @":(\d+) \(").Groups[1].Value;
            Assert.True(port.Length > 0, banner);

            Assert.True(OpenSsl.Connect(int.Parse(port), null, "-tls1_2").Connected);

            Assert.True(host.WaitForExit(30_000), "the host did not exit after MaxConnections");
            string output = Plain(host.StandardOutput.ReadToEnd());
            Assert.Contains("SSL_accept:SSLv3/TLS read client hello", output);
            Assert.Contains("ENDED Closed", output);
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill();
            }
        }
    }

    /// <summary>The host colours table headers and list labels; the layout is what is checked.</summary>
    private static string Plain(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\x1b\[[0-9;]*m", string.Empty).Replace("\r", string.Empty);

    [Fact]
    public void TheClientHelloRendersAsAList()
    {
        var result = HostProcess.Run(Handshake + "\n(Get-TlsSession -Server $server).ClientHello");

        Assert.Equal(0, result.ExitCode);
        string output = Plain(result.StandardOutput);
        Assert.Matches(@"(?m)^ServerName\s+: localhost$", output);
        Assert.Matches(@"(?m)^Ja4\s+: t1[23]d\d{4}", output);
        Assert.Matches(@"(?m)^Ja3Hash\s+: [0-9a-f]{32}$", output);
    }
}
