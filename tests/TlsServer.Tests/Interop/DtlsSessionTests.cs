using System.Management.Automation;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Interop;

/// <summary>
/// DTLS sessions go through the same session cmdlets, diagnostics and resumption as TLS ones, against openssl
/// s_client -dtls1_2; the commands BouncyCastle's DtlsTransport cannot do are clear errors.
/// </summary>
public sealed class DtlsSessionTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    [Fact]
    public void DataBothWaysThenStopTlsSessionClosesTheAssociation()
    {
        int port = StartServer("-Dtls -Listen -Msg -Quiet");
        var client = Task.Run(() => ExternalProcess.Run("openssl",
            new[] { "s_client", "-connect", $"127.0.0.1:{port}", "-dtls1_2", "-ign_eof" }, "from the client\n", TimeSpan.FromSeconds(30)));
        _ps.Run("$s = Wait-TlsSession -Server $server -State Established -TimeoutSec 10");

        string received = _ps.Get<string>("Receive-TlsData -Session $s -AsString -Wait -TimeoutSec 10");
        _ps.Run("Send-TlsData -Session $s -Text \"from the server`n\"");
        var renegotiation = _ps.RunExpectingError("Invoke-TlsRenegotiation -Session $s -HelloRequestOnly");
        var alert = _ps.RunExpectingError("Send-TlsAlert -Session $s -Description user_canceled");
        _ps.Run("Stop-TlsSession -Session $s");

        Assert.True(client.Wait(TimeSpan.FromSeconds(25)));
        Assert.Equal("from the client\n", received);
        Assert.Contains("from the server", client.Result.StandardOutput);
        Assert.Equal("NotSupportedOverDtls,TlsServer.PowerShell.Commands.InvokeTlsRenegotiationCommand", renegotiation.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.NotImplemented, renegotiation.CategoryInfo.Category);
        Assert.Contains("HelloRequest", renegotiation.Exception.Message);
        Assert.StartsWith("NotSupportedOverDtls,", alert.FullyQualifiedErrorId);
        var session = _ps.Run("Get-TlsSession -Server $server").Single();
        Assert.Equal("Closed", session.Properties["State"].Value.ToString());
        Assert.Equal("Dtls12", session.Properties["Protocol"].Value.ToString());
        Assert.Equal("Close", _ps.Run("(Get-TlsSession -Server $server).Actions[-1].Kind").Single().ToString());

        // The ClientHello went through the same observer as TLS: fingerprinted, and listed by Get-TlsMessage.
        Assert.Equal(0xFEFD, _ps.Get<int>("(Get-TlsSession -Server $server).ClientHello.LegacyVersion"));
        Assert.NotEmpty(_ps.Get<string>("(Get-TlsSession -Server $server).ClientHello.Ja3Hash"));
        var types = _ps.Run("Get-TlsSession -Server $server | Get-TlsMessage -Direction Received | ForEach-Object HandshakeType")
            .Select(o => o?.ToString()).ToList();
        Assert.Contains("client_hello", types);
        Assert.Contains("client_key_exchange", types);
    }

    [Fact]
    public void ADtlsSessionIsResumedFromTheSessionCache()
    {
        int port = StartServer("-Dtls -NoTicket");

        var client = ExternalProcess.Run("openssl",
            new[] { "s_client", "-connect", $"127.0.0.1:{port}", "-dtls1_2", "-reconnect", "-no_ticket" }, "", TimeSpan.FromSeconds(30));

        Assert.Matches(@"(?m)^Reused, ", client.StandardOutput);
        var sessions = _ps.Run("Wait-TlsSession -Server $server -State Closed -Count 6 -TimeoutSec 15");
        Assert.Equal(6, sessions.Count);
        Assert.Contains(sessions, s => s.Properties["ResumedBy"].Value?.ToString() == "SessionId");
        Assert.True(_ps.Get<long>("$server.Statistics.SessionCacheHits") > 0);
    }

    [Fact]
    public void AnIdleAssociationTimesOutAndIsCounted()
    {
        int port = StartServer("-Dtls -IdleTimeoutSec 1");
        var client = Task.Run(() => ExternalProcess.Run("openssl",
            new[] { "s_client", "-connect", $"127.0.0.1:{port}", "-dtls1_2", "-ign_eof" }, null, TimeSpan.FromSeconds(30)));

        var session = _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 20").Single();

        Assert.Contains("idle timeout", (string)session.Properties["Error"].Value);
        Assert.Equal(1L, _ps.Get<long>("$server.Statistics.IdleTimeouts"));
        Assert.Equal(0L, _ps.Get<long>("$server.Statistics.ActiveConnections"));
        Assert.True(client.Wait(TimeSpan.FromSeconds(25)), "s_client did not see the close_notify");
    }

    [Fact]
    public void ReverseModeAnswersOverDtls()
    {
        int port = StartServer("-Dtls -Reverse");

        var client = OpenSsl.Connect(port, "datagram\n", "-dtls1_2", "-ign_eof");

        Assert.True(client.Connected, client.Process.AllOutput);
        Assert.Contains("margatad", client.Process.StandardOutput);
    }

    [Fact]
    public void AProtocolRangeOfDtlsVersionsMakesADtlsServer()
    {
        int port = StartServer("-MinimumProtocol Dtls12");

        var client = OpenSsl.Connect(port, "", "-dtls1_2");

        Assert.True(client.Connected, client.Process.AllOutput);
        Assert.Equal("Udp", _ps.Run("$server.Transport").Single().ToString());
        Assert.Equal(new[] { "Dtls12" }, _ps.Run("$server.Protocols").Select(p => p.ToString()));
        var error = _ps.RunExpectingError("Start-TlsServer -Port 0 -MinimumProtocol Dtls10 -MaximumProtocol Tls12");
        Assert.Equal("DtlsWithTls,TlsServer.PowerShell.Commands.StartTlsServerCommand", error.FullyQualifiedErrorId);
    }

    private int StartServer(string arguments) =>
        _ps.Get<int>($"$server = Start-TlsServer -Port 0 -Address 127.0.0.1 {arguments}; $server.Port");

    public void Dispose() => _ps.Dispose();
}
