using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Interop;

/// <summary>gnutls-cli --resume, a second TLS stack, against the session cache and tickets.</summary>
public sealed class GnuTlsResumptionTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    [Theory]
    [InlineData("", "Ticket")]
    [InlineData("-NoTicket", "SessionId")]
    public void GnuTlsResumesItsSession(string serverOptions, string resumedBy)
    {
        int port = _ps.Get<int>($"$server = Start-TlsServer -Port 0 -Protocol Tls12 {serverOptions}; $server.Port");

        var result = ExternalProcess.Run("gnutls-cli", new[] { "--insecure", "--resume", "-p", port.ToString(), "127.0.0.1" },
            string.Empty, TimeSpan.FromSeconds(20));

        Assert.Contains("*** This is a resumed session", result.AllOutput);
        var sessions = _ps.Run("Wait-TlsSession -Server $server -State Closed -Count 2 -TimeoutSec 10").ToList();
        Assert.Equal(2, sessions.Count);
        Assert.False((bool)sessions[0].Properties["Resumed"].Value);
        Assert.True((bool)sessions[1].Properties["Resumed"].Value);
        Assert.Equal(resumedBy, sessions[1].Properties["ResumedBy"].Value?.ToString());
    }

    public void Dispose() => _ps.Dispose();
}
