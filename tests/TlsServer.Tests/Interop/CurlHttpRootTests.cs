using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Interop;

/// <summary>curl and s_client against -HttpRoot (s_server -HTTP): each file is a whole response, sent byte for byte.</summary>
public sealed class CurlHttpRootTests : IDisposable
{
    private static readonly byte[] Canned = BuildCanned();

    private readonly PowerShellSession _ps = new();
    private readonly HostileRoot _root = new();

    [Fact]
    public void CurlReceivesTheCannedResponseByteForByte()
    {
        File.WriteAllBytes(Path.Combine(_root.Root, "canned.http"), Canned);
        int port = StartServer();
        string saved = Path.Combine(_root.Directory, "saved.bin");

        var result = ExternalProcess.Run("curl", new[] { "-sk", "--http1.1", "-i", "-o", saved, "-w", "%{http_code}", $"https://127.0.0.1:{port}/canned.http" });

        Assert.Equal("299", result.StandardOutput.Trim());
        Assert.Equal(Canned, File.ReadAllBytes(saved));
    }

    [Fact]
    public void SClientSeesExactlyTheFileAndThenCloseNotify()
    {
        File.WriteAllBytes(Path.Combine(_root.Root, "canned.http"), Canned);
        int port = StartServer();
        using var client = PeerProcess.SClient(port, "-ign_eof");

        client.Write("GET /canned.http HTTP/1.1\r\nHost: localhost\r\n\r\n");

        Assert.True(client.WaitForExit(TimeSpan.FromSeconds(20)), "s_client did not see the connection close");
        Assert.Equal(Canned, client.Output);
        var session = _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 10").Single();
        Assert.Equal("Closed", session.Properties["State"].Value.ToString());
        Assert.Equal("HTTP response file sent", session.Properties["Error"].Value);
    }

    [Fact]
    public void AMissingFileIs404()
    {
        int port = StartServer();

        var response = Curl.Get($"https://127.0.0.1:{port}/missing.http");

        Assert.Equal(404, response.Status);
    }

    [Fact]
    public void EveryHostileRequestPathIsRefused()
    {
        int port = StartServer();

        var wrong = HostilePathProbe.Run(port, HostileRoot.HostilePaths());

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private int StartServer() =>
        _ps.Get<int>($"$server = Start-TlsServer -Port 0 -Address 127.0.0.1 -HttpRoot '{_root.Root}'; $server.Port");

    /// <summary>A response no server would make up: an odd status, a custom header, bare-LF and binary bytes in the body.</summary>
    private static byte[] BuildCanned()
    {
        var body = new byte[300];
        for (int i = 0; i < body.Length; i++)
        {
            body[i] = (byte)(i * 7);
        }

        var head = System.Text.Encoding.ASCII.GetBytes(
            $"HTTP/1.1 299 Canned Response\r\nX-Canned: yes\r\nContent-Type: application/octet-stream\r\nContent-Length: {body.Length}\r\n\r\n");
        return [.. head, .. body];
    }

    public void Dispose()
    {
        _ps.Dispose();
        _root.Dispose();
    }
}
