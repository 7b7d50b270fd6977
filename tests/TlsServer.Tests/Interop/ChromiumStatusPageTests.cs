using System.Text.RegularExpressions;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Interop;

/// <summary>Headless Chromium renders the -Www status page: a screenshot, and the DOM names what was negotiated.</summary>
public sealed class ChromiumStatusPageTests : IDisposable
{
    private readonly PowerShellSession _ps = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("tlsserver-chromium-test-").FullName;

    [Theory]
    [InlineData("Tls13")]
    [InlineData("Tls12")]
    public void ChromiumRendersTheStatusPageWithTheNegotiatedProtocol(string protocol)
    {
        int port = _ps.Get<int>($"$server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Www -Protocol {protocol}; $server.Port");
        string url = $"https://127.0.0.1:{port}/";

        var dom = Chromium.Run(url, "--dump-dom");

        Assert.Equal(0, dom.ExitCode);
        Assert.Matches($"<td id=\"protocol\">{protocol}</td>", dom.StandardOutput);
        Assert.Matches("<td id=\"cipher-suite\">TLS_[A-Z0-9_]+</td>", dom.StandardOutput);
        var offered = Regex.Matches(dom.StandardOutput, "<li>(TLS_[A-Z0-9_]+)</li>");
        Assert.NotEmpty(offered);
        Assert.Matches("<td id=\"handshakes-completed\">[1-9][0-9]*</td>", dom.StandardOutput);
        Assert.Matches("<td id=\"extended-master-secret\">(yes|no)</td>", dom.StandardOutput);

        string screenshot = Path.Combine(_directory, $"status-{protocol}.png");
        var shot = Chromium.Run(url, $"--screenshot={screenshot}", "--window-size=1024,1400", "--hide-scrollbars");

        Assert.True(File.Exists(screenshot), shot.AllOutput);
        var image = PngImage.Read(screenshot);
        Assert.Equal((1024, 1400), (image.Width, image.Height));
        Assert.True(image.Pixels.Distinct().Count() > 16, "the screenshot is a flat colour: nothing was rendered");

        var sessions = _ps.Run("Wait-TlsSession -Server $server -State Established -Count 2 -TimeoutSec 20");
        Assert.All(sessions, s => Assert.Equal(protocol, s.Properties["Protocol"].Value.ToString()));
        var page = (string)offered[0].Groups[1].Value;
        Assert.Contains(page, (IEnumerable<string>)sessions[0].Properties["OfferedCipherSuites"].Value);
    }

    public void Dispose()
    {
        _ps.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
