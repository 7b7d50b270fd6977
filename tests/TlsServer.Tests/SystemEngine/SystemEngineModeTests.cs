using TlsServer.Tests.Harness;

namespace TlsServer.Tests.SystemEngine;

/// <summary>The application modes on -Engine System: -Www and -WwwRoot with curl, -Reverse and interactive with s_client.</summary>
public sealed class SystemEngineModeTests : IDisposable
{
    private readonly PowerShellSession _ps = new();
    private readonly List<SClientProcess> _clients = new();
    private readonly string _root = Directory.CreateTempSubdirectory("tlsserver-system-").FullName;

    [Theory]
    [InlineData("1.2")]
    [InlineData("1.3")]
    public void CurlGetsTheStatusPage(string version)
    {
        int port = Start("-Www");

        var response = Curl.Get($"https://127.0.0.1:{port}/", $"--tlsv{version}", "--tls-max", version);

        Assert.Equal(200, response.Status);
        Assert.Contains($"<td id=\"protocol\">Tls1{version[2]}</td>", response.Text);
        Assert.Equal("Closed", _ps.Get<string>("(Wait-TlsSession -Server $server -State Closed -TimeoutSec 10).State.ToString()"));
    }

    [Fact]
    public void CurlGetsAFileFromWwwRootWithAlpn()
    {
        File.WriteAllText(Path.Combine(_root, "hello.txt"), "hello from the system engine");
        int port = Start($"-WwwRoot '{_root}' -Alpn http/1.1");

        var response = Curl.Get($"https://127.0.0.1:{port}/hello.txt");

        Assert.Equal(200, response.Status);
        Assert.Equal("hello from the system engine", response.Text);
        Assert.Equal(404, Curl.Get($"https://127.0.0.1:{port}/missing.txt").Status);
        Assert.Equal("http/1.1", _ps.Get<string>("(Get-TlsSession -Server $server)[0].ApplicationProtocol"));
    }

    [Fact]
    public void ReverseSendsEachLineBackReversed()
    {
        int port = Start("-Reverse");
        var client = SClientProcess.Start(port, "-quiet");
        _clients.Add(client);

        client.WriteLine("hello system");

        client.WaitForOutput("metsys olleh");
        client.WriteLine("CLOSE");
        client.WaitForExit();
    }

    [Fact]
    public void InteractiveDataFlowsBothWays()
    {
        int port = Start(string.Empty);
        var client = SClientProcess.Start(port, "-quiet");
        _clients.Add(client);
        _ps.Run("$session = Wait-TlsSession -Server $server -State Established -TimeoutSec 15");

        client.WriteLine("from the client");
        Assert.Contains("from the client", _ps.Get<string>("$session | Receive-TlsData -Wait -TimeoutSec 15"));
        _ps.Run("$session | Send-TlsData -Text \"from the server`n\"");
        client.WaitForOutput("from the server");

        _ps.Run("$session | Send-TlsData -Plaintext ([System.Text.Encoding]::ASCII.GetBytes(\"this is not TLS`n\"))");
        client.WaitForExit();
        Assert.Contains("wrong version number", client.Output);
        Assert.Equal(16L, _ps.Get<long>("(Get-TlsSession -Server $server -Id $session.Id).PlaintextBytesSent"));
    }

    private int Start(string options) => _ps.Get<int>($"$server = Start-TlsServer -Port 0 -Engine System {options}; $server.Port");

    public void Dispose()
    {
        _ps.Dispose();
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        Directory.Delete(_root, recursive: true);
    }
}
