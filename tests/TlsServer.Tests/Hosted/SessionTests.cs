using System.Management.Automation;
using System.Net.Security;
using System.Net.Sockets;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Hosted;

/// <summary>Get-TlsSession, Wait-TlsSession, the session history limit, and how Stop-TlsServer ends sessions.</summary>
public sealed class SessionTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    [Fact]
    public void StopSendsCloseNotifyToEveryOpenSession()
    {
        int port = _ps.Get<int>("$server = Start-TlsServer -Port 0 -Address 127.0.0.1; $server.Port");
        using var first = DotNetTlsClient.Connect(port);
        using var second = DotNetTlsClient.Connect(port);
        _ps.Run("Wait-TlsSession -Server $server -State Established -Count 2 -TimeoutSec 10");

        _ps.Run("$server | Stop-TlsServer");

        // SslStream reads 0 bytes only after a close_notify; a bare TCP close would throw instead.
        Assert.Equal(0, first.Read(new byte[16]));
        Assert.Equal(0, second.Read(new byte[16]));
        var sessions = _ps.Run("Get-TlsSession -Server $server");
        Assert.All(sessions, s => Assert.Equal("Closed", s.Properties["State"].Value.ToString()));
        Assert.All(sessions, s => Assert.Equal("the server stopped", s.Properties["Error"].Value));
    }

    [Fact]
    public void FiltersBySessionIdAndState()
    {
        int port = _ps.Get<int>("$server = Start-TlsServer -Port 0 -Address 127.0.0.1; $server.Port");
        using (DotNetTlsClient.Connect(port))
        {
            _ps.Run("Wait-TlsSession -Server $server -State Established -TimeoutSec 10");
            Assert.Single(_ps.Run("$server | Get-TlsSession -State Established"));
        }

        using var open = DotNetTlsClient.Connect(port);
        _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 10");
        _ps.Run("Wait-TlsSession -Server $server -State Established -Count 2 -TimeoutSec 10");

        Assert.Equal(new long[] { 1 }, _ps.Run("(Get-TlsSession -Server $server -State Closed).Id").Select(o => (long)o.BaseObject));
        Assert.Equal(new long[] { 2 }, _ps.Run("(Get-TlsSession -Server $server -State Established).Id").Select(o => (long)o.BaseObject));
        Assert.Equal("Established", _ps.Run("(Get-TlsSession -Server $server -Id 2).State").Single().ToString());
    }

    [Fact]
    public async Task HistoryKeepsOnlyTheNewestEndedSessions()
    {
        int port = _ps.Get<int>("$server = Start-TlsServer -Port 0 -Address 127.0.0.1 -SessionHistoryLimit 2; $server.Port");
        for (int i = 0; i < 3; i++)
        {
            using var client = DotNetTlsClient.Connect(port);
            await client.ShutdownAsync();
        }

        _ps.Run("Wait-TlsSession -Server $server -State Closed -Count 2 -TimeoutSec 10");
        _ps.Run("$null = Wait-TlsSession -Server $server -State Closed -Count 3 -TimeoutSec 2 -ErrorAction SilentlyContinue");

        Assert.Equal(new long[] { 2, 3 }, _ps.Run("(Get-TlsSession -Server $server).Id").Select(o => (long)o.BaseObject));
        Assert.Equal(3L, _ps.Get<long>("$server.Statistics.ConnectionsAccepted"));
    }

    [Fact]
    public void WaitTimesOutWithAnErrorAndWhatItHas()
    {
        var error = _ps.RunExpectingError("$server = Start-TlsServer -Port 0; Wait-TlsSession -Server $server -Count 1 -TimeoutSec 1");

        Assert.Equal("WaitTimedOut,TlsServer.PowerShell.Commands.WaitTlsSessionCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
    }

    [Fact]
    public void RemoveModuleStopsTheServersThisRunspaceStarted()
    {
        using var other = new PowerShellSession();
        var otherServer = other.Run("Start-TlsServer -Port 0").Single();
        var server = _ps.Run("Start-TlsServer -Port 0").Single();

        _ps.Run("Remove-Module TlsServer");

        Assert.Equal("Stopped", server.Properties["State"].Value.ToString());
        Assert.Equal("Running", otherServer.Properties["State"].Value.ToString());
    }


    public void Dispose() => _ps.Dispose();
}
