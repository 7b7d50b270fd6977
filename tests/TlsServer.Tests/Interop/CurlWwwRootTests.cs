using System.Security.Cryptography;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Interop;

/// <summary>curl against -WwwRoot (s_server -WWW): files, Content-Type, 404, keep-alive, a large file, and path safety.</summary>
public sealed class CurlWwwRootTests : IDisposable
{
    private readonly PowerShellSession _ps = new();
    private readonly HostileRoot _root = new();

    [Theory]
    [InlineData("/index.html", "text/html; charset=utf-8", "<h1>root</h1>")]
    [InlineData("/sub/page.html", "text/html; charset=utf-8", "<p>page</p>")]
    [InlineData("/", "text/html; charset=utf-8", "<h1>root</h1>")]
    [InlineData("/data.json", "application/json", "{\"a\":1}")]
    [InlineData("/logo.svg", "image/svg+xml", "<svg/>")]
    [InlineData("/notes.unknownext", "application/octet-stream", "x")]
    [InlineData("/name%20with%20spaces.txt", "text/plain; charset=utf-8", "spaced")]
    public void CurlGetsAFileWithContentTypeByExtension(string path, string contentType, string body)
    {
        File.WriteAllText(Path.Combine(_root.Root, "data.json"), "{\"a\":1}");
        File.WriteAllText(Path.Combine(_root.Root, "logo.svg"), "<svg/>");
        File.WriteAllText(Path.Combine(_root.Root, "notes.unknownext"), "x");
        File.WriteAllText(Path.Combine(_root.Root, "name with spaces.txt"), "spaced");
        int port = StartServer();

        var headers = ExternalProcess.Run("curl", new[] { "-sk", "-D", "-", "-o", "/dev/null", $"https://127.0.0.1:{port}{path}" });
        var response = Curl.Get($"https://127.0.0.1:{port}{path}");

        Assert.Equal(200, response.Status);
        Assert.Equal(body, response.Text);
        var lines = headers.StandardOutput.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains($"Content-Type: {contentType}", lines);
        Assert.Contains($"Content-Length: {body.Length}", lines);
    }

    [Fact]
    public void MissingFileIs404AndTheConnectionStaysOpen()
    {
        int port = StartServer();
        string missing = $"https://127.0.0.1:{port}/no-such-file.html";
        string present = $"https://127.0.0.1:{port}/sub/page.html";

        var result = ExternalProcess.Run("curl", new[] { "-sk", "-w", "%{http_code} %{num_connects}\\n", "-o", "/dev/null", missing, "-o", "/dev/null", present, "-o", "/dev/null", missing });

        Assert.Equal(new[] { "404 1", "200 0", "404 0" }, result.StandardOutput.Trim().Split('\n'));
        _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 10");
        Assert.Equal(1L, _ps.Get<long>("$server.Statistics.ConnectionsAccepted"));
    }

    [Fact]
    public void HeadSendsHeadersOnlyAndOtherMethodsAre405()
    {
        int port = StartServer();

        var head = ExternalProcess.Run("curl", new[] { "-sk", "-I", $"https://127.0.0.1:{port}/sub/page.html" });
        var delete = Curl.Get($"https://127.0.0.1:{port}/sub/page.html", "-X", "DELETE");

        Assert.Contains("HTTP/1.1 200 OK", head.StandardOutput);
        Assert.Contains("Content-Length: 11", head.StandardOutput);
        Assert.Equal(405, delete.Status);
    }

    [Fact]
    public void A64MiBFileArrivesWhole()
    {
        string big = Path.Combine(_root.Root, "big.bin");
        var data = new byte[64 * 1024 * 1024];
        Random.Shared.NextBytes(data);
        File.WriteAllBytes(big, data);
        string received = Path.Combine(_root.Directory, "received.bin");
        int port = StartServer();

        var result = ExternalProcess.Run("curl", new[] { "-sk", "-o", received, "-w", "%{http_code} %{size_download}", $"https://127.0.0.1:{port}/big.bin" },
            timeout: TimeSpan.FromMinutes(3));

        Assert.Equal($"200 {data.Length}", result.StandardOutput.Trim());
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(File.ReadAllBytes(received)));
        var session = _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 30").Single();
        Assert.True((long)session.Properties["BytesSent"].Value > data.Length);
    }

    [Fact]
    public void EveryHostileRequestPathIsRefused()
    {
        int port = StartServer();

        var wrong = HostilePathProbe.Run(port, HostileRoot.HostilePaths());

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void ARawNulByteInTheRequestLineIsRefused()
    {
        int port = StartServer();

        var client = OpenSsl.Connect(port, "GET /public.txt\0.html HTTP/1.1\r\nHost: localhost\r\n\r\n", "-quiet", "-ign_eof");

        Assert.Contains("HTTP/1.1 400 Bad Request", client.Process.StandardOutput);
        Assert.DoesNotContain("public", client.Process.StandardOutput.Replace("Bad Request", string.Empty));
    }

    [Fact]
    public void AMissingRootIsAClearError()
    {
        var error = _ps.RunExpectingError($"Start-TlsServer -Port 0 -WwwRoot '{Path.Combine(_root.Directory, "nope")}'");

        Assert.Equal("DocumentRootNotFound,TlsServer.PowerShell.Commands.StartTlsServerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    private int StartServer() =>
        _ps.Get<int>($"$server = Start-TlsServer -Port 0 -Address 127.0.0.1 -WwwRoot '{_root.Root}'; $server.Port");

    public void Dispose()
    {
        _ps.Dispose();
        _root.Dispose();
    }
}
