using System.Text.RegularExpressions;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Interop;

/// <summary>sslscan, a third-party scanner, against a default server: nothing weak is offered unless asked for.</summary>
public sealed class ScannerTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    [Fact]
    public void ADefaultServerOffersNothingWeak()
    {
        int port = _ps.Get<int>("$server = Start-TlsServer -Port 0 -Address 127.0.0.1; $server.Port");

        var scan = ExternalProcess.Run("sslscan", new[] { "--no-colour", $"127.0.0.1:{port}" }, timeout: TimeSpan.FromMinutes(3));

        string report = scan.StandardOutput;
        Assert.Equal(0, scan.ExitCode);
        foreach (var old in new[] { "SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1" })
        {
            Assert.Matches($@"(?m)^{Regex.Escape(old)}\s+disabled$", report);
        }

        Assert.Matches(@"(?m)^TLSv1\.2\s+enabled$", report);
        Assert.Matches(@"(?m)^TLSv1\.3\s+enabled$", report);
        var accepted = Regex.Matches(report, @"(?m)^(?:Preferred|Accepted)\s+TLSv1\.[23]\s+(\d+) bits\s+(\S+)").ToList();
        Assert.NotEmpty(accepted);
        Assert.All(accepted, m => Assert.DoesNotMatch("RC4|DES|NULL|EXP|ADH|AECDH|MD5|anon", m.Groups[2].Value));
        Assert.All(accepted, m => Assert.True(int.Parse(m.Groups[1].Value) >= 128, m.Value));
        string groupSection = report[report.IndexOf("Key Exchange Group(s):", StringComparison.Ordinal)..].Split("\n\n")[0];
        var groups = Regex.Matches(groupSection, @"(?m)^TLSv1\.[23]\s+(\d+) bits\s+(\S+)").ToList();
        Assert.NotEmpty(groups);
        Assert.All(groups, m => Assert.True(int.Parse(m.Groups[1].Value) >= 112, m.Value));
        Assert.DoesNotContain("Insecure session renegotiation supported", report);
        Assert.DoesNotContain("vulnerable to heartbleed", report.Replace("not vulnerable to heartbleed", string.Empty));
        Assert.DoesNotContain("Compression enabled", report);
    }

    [Fact]
    public void TheServerSignalsSecureRenegotiation()
    {
        int port = _ps.Get<int>("$server = Start-TlsServer -Port 0 -Address 127.0.0.1; $server.Port");

        var client = ExternalProcess.Run("openssl", new[] { "s_client", "-connect", $"127.0.0.1:{port}", "-tls1_2" }, string.Empty);

        Assert.Contains("Secure Renegotiation IS supported", client.AllOutput);
        _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 10");
        Assert.True(_ps.Get<bool>("(Get-TlsSession -Server $server).SecureRenegotiation"));
    }

    public void Dispose() => _ps.Dispose();
}
