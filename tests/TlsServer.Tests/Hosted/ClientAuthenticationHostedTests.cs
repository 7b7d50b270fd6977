using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Hosted;

/// <summary>The client-authentication and test-PKI cmdlets as a user types them: tab completion and the format views.</summary>
public sealed class ClientAuthenticationHostedTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    [Theory]
    [InlineData("Start-TlsServer -ClientCertificate R", "Request")]
    [InlineData("Start-TlsServer -ClientCertificate Req", "Require")]
    [InlineData("Start-TlsServer -VerifyOption verify_h", "@{ verify_hostname = $true }")]
    [InlineData("New-TlsCertificate -ExtendedKeyUsage Cli", "ClientAuth")]
    [InlineData("New-TlsCertificate -KeyAlgorithm Ed", "Ed25519")]
    [InlineData("New-TlsCertificate -Type C", "CA")]
    [InlineData("New-TlsCrl -Format D", "Der")]
    public void TabCompletionOffersKnownValues(string input, string expected)
    {
        var matches = _ps.Run($"(TabExpansion2 -inputScript '{input.Replace("'", "''")}' -cursorColumn {input.Length}).CompletionMatches.CompletionText")
            .Select(o => o.ToString()).ToList();

        Assert.Contains(expected, matches);
    }

    [Fact]
    public void VerifyResultRendersAsATable()
    {
        var result = HostProcess.Run("""
            $dir = [System.IO.Directory]::CreateTempSubdirectory('tlsserver-view-').FullName
            $ca = New-TlsCertificate -Type CA -Subject 'CN=View CA' -Path "$dir/ca.pem"
            $null = New-TlsCertificate -Type Client -Subject 'CN=viewer' -Signer $ca -NotAfter ([datetime]::UtcNow.AddDays(-1)) -Path "$dir/c.pem" -KeyPath "$dir/c.key"
            $server = Start-TlsServer -Port 0 -ClientCertificate Request -CAFile "$dir/ca.pem"
            $start = [System.Diagnostics.ProcessStartInfo]::new('openssl', "s_client -connect 127.0.0.1:$($server.Port) -cert $dir/c.pem -key $dir/c.key")
            $start.RedirectStandardInput = $start.RedirectStandardOutput = $start.RedirectStandardError = $true
            $client = [System.Diagnostics.Process]::Start($start)
            $client.StandardInput.Close()
            $null = $client.WaitForExit(15000)
            (Wait-TlsSession -Server $server -State Closed -TimeoutSec 15).ClientVerifyResult
            [System.IO.Directory]::Delete($dir, $true)
            """);

        Assert.Equal(0, result.ExitCode);
        var lines = Lines(result.StandardOutput);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^IsValid\s+Code\s+ErrorText\s+Depth\s+Certificate\s+TrustAnchor$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^False\s+10\s+certificate has expired\s+0\s+CN=viewer\s+CN=View CA$"));
    }

    [Fact]
    public void CrlRendersAsATable()
    {
        var result = HostProcess.Run("New-TlsCertificate -Type CA -Subject 'CN=View CA' | New-TlsCrl");

        Assert.Equal(0, result.ExitCode);
        var lines = Lines(result.StandardOutput);
        Assert.Matches(@"^Issuer\s+ThisUpdate\s+NextUpdate\s+Revoked$", lines[0]);
        Assert.Matches(@"^CN=View CA\s+.+\s+0$", lines[2]);
    }

    /// <summary>The non-empty lines of host output, without colour escapes.</summary>
    private static string[] Lines(string output) =>
        System.Text.RegularExpressions.Regex.Replace(output, "\u001b\\[[0-9;]*m", string.Empty)
            .Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();

    public void Dispose() => _ps.Dispose();
}
