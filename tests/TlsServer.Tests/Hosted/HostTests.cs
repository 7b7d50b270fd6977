using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Hosted;

/// <summary>TlsServer.Host, the README's way to run the module where only the .NET SDK exists.</summary>
public sealed class HostTests
{
    [Fact]
    public void FormatViewsRenderServersAsATable()
    {
        var result = HostProcess.Run("Start-TlsServer -Port 0 -Name table-view -Www");

        Assert.Equal(0, result.ExitCode);
        var lines = result.StandardOutput.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();
        Assert.Matches(@"^\s*Id\s+Name\s+State\s+Address\s+Port\s+Mode\s+Protocols\s+Accepted\s+Active$", lines[0]);
        Assert.Matches(@"^\s*\d+\s+table-view\s+Running\s+::\s+\d+\s+Www\s+Tls12,Tls13\s+0\s+0$", lines[2]);
    }

    [Fact]
    public void WaitRunsInTheForegroundAndWritesEachSessionAsItEnds()
    {
        using var host = HostProcess.Start("Start-TlsServer -Port 0 -Address 127.0.0.1 -Wait -MaxConnections 1 | ForEach-Object { 'ENDED ' + $_.Protocol + ' ' + $_.State }");
        try
        {
            string banner = host.StandardOutput.ReadLine() ?? string.Empty;
            var port = System.Text.RegularExpressions.Regex.Match(banner, @":(\d+) \(").Groups[1].Value;
            Assert.True(port.Length > 0, banner);

            var client = OpenSsl.Connect(int.Parse(port), null, "-tls1_2");

            Assert.True(client.Connected, client.Process.AllOutput);
            Assert.True(host.WaitForExit(30_000), "the host did not exit after MaxConnections");
            Assert.Equal("ENDED Tls12 Closed", host.StandardOutput.ReadToEnd().Trim());
            Assert.Equal(0, host.ExitCode);
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill();
            }
        }
    }

    [Fact]
    public void CtrlCStopsAWaitingServer()
    {
        using var host = HostProcess.Start("Start-TlsServer -Port 0 -Address 127.0.0.1 -Wait; 'AFTER'");
        try
        {
            string banner = host.StandardOutput.ReadLine() ?? string.Empty;
            Assert.Contains("Press Ctrl+C to stop", banner);

            Assert.Equal(0, Interrupt(host.Id));

            Assert.True(host.WaitForExit(30_000), "Ctrl+C did not stop the host");
            Assert.DoesNotContain("AFTER", host.StandardOutput.ReadToEnd());
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill();
            }
        }
    }

    private static int Interrupt(int pid) => ExternalProcess.Run("kill", new[] { "-INT", pid.ToString() }).ExitCode;
}
