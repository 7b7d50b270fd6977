using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Hosted;

/// <summary>What Start-TlsServer -Wait writes, as a user sees it in TlsServer.Host, with -Brief, -Quiet and -Reverse.</summary>
public sealed class ForegroundOutputTests
{
    [Fact]
    public void NormalShowsTheDataAndEachSessionAsItEnds()
    {
        var output = RunWithOneClient("-Wait | ForEach-Object { 'ENDED ' + $_.State + ' ' + $_.BytesReceived }", "one\ntwo\n");

        Assert.Matches(@"^TlsServer\d+ is listening on 127\.0\.0\.1:\d+ ", output[0]);
        Assert.Equal(new[] { "one", "two" }, output.Skip(1).Take(2));
        Assert.Matches(@"^ENDED Closed \d+$", output[3]);
        Assert.Equal(4, output.Count);
    }

    [Fact]
    public void BriefWritesOneLineWhenAConnectionIsEstablishedAndOneWhenItEnds()
    {
        var output = RunWithOneClient("-Wait -Brief", "hello\n");

        Assert.Matches(@"^TlsServer\d+ is listening on ", output[0]);
        Assert.Matches(@"^CONNECTION ESTABLISHED #1 127\.0\.0\.1:\d+ Tls13 TLS_AES_256_GCM_SHA384 \S+$", output[1]);
        Assert.Equal("hello", output[2]);
        Assert.Matches(@"^CONNECTION CLOSED #1 127\.0\.0\.1:\d+: ", output[3]);
        Assert.Equal(4, output.Count);
    }

    [Fact]
    public void QuietWritesNothingButTheData()
    {
        var output = RunWithOneClient("-Wait -Quiet", "only this\n", banner: false);

        Assert.Equal(new[] { "only this" }, output);
    }

    [Fact]
    public void ReverseIsBriefByDefault()
    {
        var output = RunWithOneClient("-Reverse -Wait", "abc\nCLOSE\n", clientOptions: "-ign_eof");

        Assert.Matches(@"^CONNECTION ESTABLISHED #1 ", output[1]);
        Assert.Equal("CONNECTION CLOSED #1", string.Join(' ', output[2].Split(' ').Take(3)));
        Assert.EndsWith("the client sent CLOSE", output[2]);
        Assert.Equal(3, output.Count);
    }

    /// <summary>Starts a foreground server for one connection, sends <paramref name="input"/> with s_client, returns the host's lines.</summary>
    private static List<string> RunWithOneClient(string options, string input, bool banner = true, string clientOptions = "-no_ign_eof")
    {
        using var host = HostProcess.Start($"Start-TlsServer -Port 0 -Address 127.0.0.1 -MaxConnections 1 {options}");
        try
        {
            var lines = new List<string>();
            int port = ListeningPorts.WaitForOne(host.Id, TimeSpan.FromSeconds(60));
            if (banner)
            {
                var first = host.StandardOutput.ReadLineAsync();
                Assert.True(first.Wait(TimeSpan.FromSeconds(30)), "no banner");
                lines.Add(first.Result ?? string.Empty);
                Assert.Contains($":{port} (", lines[0]);
            }

            var client = OpenSsl.Connect(port, input, "-tls1_3", clientOptions);

            Assert.True(host.WaitForExit(30_000), "the host did not exit after MaxConnections");
            Assert.Equal(0, client.Process.ExitCode);
            lines.AddRange(host.StandardOutput.ReadToEnd().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0));
            return lines;
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill();
            }
        }
    }
}
