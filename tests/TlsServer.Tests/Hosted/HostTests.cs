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
        Assert.Matches(@"^\s*Id\s+Name\s+State\s+Address\s+Port\s+Mode\s+Engine\s+Protocols\s+Accepted\s+Active$", lines[0]);
        Assert.Matches(@"^\s*\d+\s+table-view\s+Running\s+::\s+\d+\s+Www\s+BouncyCastle\s+Tls12,Tls13\s+0\s+0$", lines[2]);
    }

    [Fact]
    public void TheTableShowsTheSystemEngine()
    {
        var result = HostProcess.Run("Start-TlsServer -Port 0 -Name system-view -Engine System");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.StandardOutput.Split('\n'), l => System.Text.RegularExpressions.Regex.IsMatch(l, @"system-view\s+Running\s+.*\s+Interactive\s+System\s+Tls12,Tls13"));
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

    [Fact]
    public void FileRunsAScriptWithItsArgumentsAndExitCode()
    {
        string script = Path.Combine(Path.GetTempPath(), $"tlsserver-host-{Guid.NewGuid():N}.ps1");
        File.WriteAllText(script, "param([string] $Name, [switch] $Www)\n$s = Start-TlsServer -Port 0 -Name $Name -Www:$Www\n\"$($s.Name) $($s.Mode)\"\n$s | Stop-TlsServer\nexit 7\n");
        try
        {
            var result = ExternalProcess.Run("dotnet", new[] { Paths.HostDll, "-File", script, "-Name", "from-file", "-Www" }, timeout: TimeSpan.FromSeconds(60));

            Assert.Equal(7, result.ExitCode);
            Assert.Contains("from-file Www", result.StandardOutput);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public void ThePromptRunsLinesFromStandardInputUntilExit()
    {
        var result = ExternalProcess.Run("dotnet", new[] { Paths.HostDll }, "$s = Start-TlsServer -Port 0 -Name prompt-test\n$s.Name\nexit 5\nnot reached\n",
            TimeSpan.FromSeconds(60), new Dictionary<string, string> { ["NO_COLOR"] = "1" });

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("PS TlsServer> ", result.StandardOutput);
        Assert.Contains("prompt-test", result.StandardOutput);
        Assert.DoesNotContain("not reached", result.AllOutput);
    }

    [Fact]
    public void AnErrorEndsACommandWithExitCodeOneAndItsErrorId()
    {
        var result = HostProcess.Run("Stop-TlsServer -Name no-such-server");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ServerNotFound,TlsServer.PowerShell.Commands.StopTlsServerCommand", result.StandardError);
        Assert.DoesNotContain("   at ", result.AllOutput);
    }

    private static int Interrupt(int pid) => ExternalProcess.Run("kill", new[] { "-INT", pid.ToString() }).ExitCode;
}
