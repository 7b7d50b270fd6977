using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Interop;

/// <summary>curl against -Www: the status page, keep-alive, and what the page says.</summary>
public sealed class CurlWwwTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    [Fact]
    public void CurlFetchesTheStatusPage()
    {
        int port = _ps.Get<int>("$server = Start-TlsServer -Port 0 -Www; $server.Port");

        var result = ExternalProcess.Run("curl", new[] { "-sk", "--tlsv1.3", $"https://localhost:{port}/" });

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("<!DOCTYPE html>", result.StandardOutput);
        Assert.Contains("<td id=\"protocol\">Tls13</td>", result.StandardOutput);
        Assert.Contains("<td id=\"server-name\">localhost</td>", result.StandardOutput);
        Assert.Contains("<ol id=\"shared-cipher-suites\">", result.StandardOutput);
        Assert.Contains("<li>TLS_AES_256_GCM_SHA384</li>", result.StandardOutput);
        Assert.Matches("<td id=\"session-id\">", result.StandardOutput);
        Assert.Matches("<td id=\"extended-master-secret\">(yes|no)</td>", result.StandardOutput);
        Assert.Contains("<td id=\"connections-accepted\">1</td>", result.StandardOutput);
        Assert.Contains("<td id=\"handshakes-completed\">1</td>", result.StandardOutput);
        Assert.Contains("id=\"timestamp\"", result.StandardOutput);
        var session = _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 10").Single();
        Assert.Equal("localhost", session.Properties["ServerName"].Value);
    }

    [Fact]
    public void KeepAliveServesSeveralRequestsOnOneConnection()
    {
        int port = _ps.Get<int>("$server = Start-TlsServer -Port 0 -Www; $server.Port");
        string url = $"https://127.0.0.1:{port}/";

        var result = ExternalProcess.Run("curl", new[] { "-sk", "--tlsv1.2", "--tls-max", "1.2", "-w", "%{http_code}\\n", url, url, url });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, result.StandardOutput.Split("</html>").Length - 1);
        _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 10");
        Assert.Equal(1L, _ps.Get<long>("$server.Statistics.ConnectionsAccepted"));
        Assert.Equal("Tls12", _ps.Run("(Get-TlsSession -Server $server).Protocol").Single().ToString());
    }

    [Fact]
    public void MalformedRequestGets400()
    {
        int port = _ps.Get<int>("$server = Start-TlsServer -Port 0 -Www; $server.Port");

        var client = OpenSsl.Connect(port, "NONSENSE\r\n\r\n", "-quiet", "-ign_eof");

        Assert.Contains("HTTP/1.1 400 Bad Request", client.Process.StandardOutput);
    }

    [Theory]
    [InlineData("/reneg")]
    [InlineData("/renegcert")]
    public void RenegotiationPathsAreRefusedWithWhatToUseInstead(string path)
    {
        int port = _ps.Get<int>("$server = Start-TlsServer -Port 0 -Www; $server.Port");

        var response = Curl.Get($"https://127.0.0.1:{port}{path}", "--tlsv1.2", "--tls-max", "1.2");

        Assert.Equal(501, response.Status);
        Assert.Contains("Invoke-TlsRenegotiation", response.Text);
        Assert.Equal("Closed", _ps.Get<string>("(Wait-TlsSession -Server $server -State Closed -TimeoutSec 10).State.ToString()"));
    }

    public void Dispose() => _ps.Dispose();
}
