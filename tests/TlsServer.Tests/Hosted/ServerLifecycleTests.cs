using System.Management.Automation;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Hosted;

public sealed class ServerLifecycleTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    [Fact]
    public void StartReturnsARunningServerOnTheBoundPort()
    {
        var server = _ps.Run("Start-TlsServer -Port 0 -Name lifecycle1").Single();

        Assert.Equal("TlsServer.Engine.Server", server.BaseObject.GetType().FullName);
        Assert.Equal("Running", server.Properties["State"].Value.ToString());
        Assert.InRange((int)server.Properties["Port"].Value, 1, 65535);
        Assert.Equal("lifecycle1", server.Properties["Name"].Value);
        Assert.Equal(new[] { "Tls12", "Tls13" }, ((System.Collections.IEnumerable)server.Properties["Protocols"].Value).Cast<object>().Select(p => p.ToString()));
        Assert.Equal("Interactive", server.Properties["Mode"].Value.ToString());
    }

    [Fact]
    public void WithoutACertificateTheServerMakesAnEphemeralOneForLocalhost()
    {
        var san = _ps.Run("""
            $s = Start-TlsServer -Port 0
            $s.Certificate.Extensions | Where-Object { $_.Oid.Value -eq '2.5.29.17' } | ForEach-Object { $_.Format($false) }
            """).Single().ToString();

        Assert.Contains("localhost", san);
        Assert.Contains("127.0.0.1", san);
        Assert.Contains("0:0:0:0:0:0:0:1", san.Replace("::1", "0:0:0:0:0:0:0:1"));
        Assert.True(_ps.Get<bool>("$s.Certificate.HasPrivateKey -eq $false"));
    }

    [Fact]
    public void GetTlsServerFiltersByNameWithWildcardsAndById()
    {
        _ps.Run("$a = Start-TlsServer -Port 0 -Name 'filter-alpha'; $b = Start-TlsServer -Port 0 -Name 'filter-beta'");

        Assert.Equal(new[] { "filter-alpha", "filter-beta" }, _ps.Run("(Get-TlsServer -Name 'filter-*').Name").Select(o => o.ToString()));
        Assert.Equal("filter-beta", _ps.Run("(Get-TlsServer -Id $b.Id).Name").Single().ToString());
        var error = _ps.RunExpectingError("Get-TlsServer -Name 'no-such-server'");
        Assert.Equal("ServerNotFound,TlsServer.PowerShell.Commands.GetTlsServerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void PipelineStopsServersAndPassThruReturnsThem()
    {
        var stopped = _ps.Run("""
            $null = Start-TlsServer -Port 0 -Name 'pipe-1'
            $null = Start-TlsServer -Port 0 -Name 'pipe-2'
            Get-TlsServer -Name 'pipe-*' | Stop-TlsServer -PassThru
            """);

        Assert.Equal(2, stopped.Count);
        Assert.All(stopped, s => Assert.Equal("Stopped", s.Properties["State"].Value.ToString()));
    }

    [Fact]
    public void StoppingAStoppedServerIsAnError()
    {
        var error = _ps.RunExpectingError("$s = Start-TlsServer -Port 0; $s | Stop-TlsServer; $s | Stop-TlsServer");

        Assert.Equal("ServerAlreadyStopped,TlsServer.PowerShell.Commands.StopTlsServerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
    }

    [Fact]
    public void WhatIfLeavesTheServerRunning()
    {
        Assert.Equal("Running", _ps.Run("$s = Start-TlsServer -Port 0; $s | Stop-TlsServer -WhatIf; $s.State").Single().ToString());
    }

    [Fact]
    public void StopByIdAndByName()
    {
        var states = _ps.Run("""
            $a = Start-TlsServer -Port 0 -Name 'by-name'
            $b = Start-TlsServer -Port 0
            Stop-TlsServer -Name 'by-name'
            Stop-TlsServer -Id $b.Id
            $a.State; $b.State
            """);

        Assert.Equal(new[] { "Stopped", "Stopped" }, states.Select(s => s.ToString()));
    }

    [Fact]
    public void APortInUseIsAClearError()
    {
        var error = _ps.RunExpectingError("$s = Start-TlsServer -Port 0 -Address 127.0.0.1; Start-TlsServer -Port $s.Port -Address 127.0.0.1");

        Assert.Equal("PortInUse,TlsServer.PowerShell.Commands.StartTlsServerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
        Assert.Contains("already in use", error.Exception.Message);
    }

    [Theory]
    [InlineData("-Port 70000", "ParameterArgumentValidationError")]
    [InlineData("-Port -1", "ParameterArgumentValidationError")]
    [InlineData("-Protocol Tls99", "CannotConvertArgumentNoMessage")]
    public void BadParameterValuesAreRefusedBeforeAnythingStarts(string arguments, string errorId)
    {
        var error = _ps.RunExpectingError($"Start-TlsServer {arguments}");

        Assert.Equal($"{errorId},TlsServer.PowerShell.Commands.StartTlsServerCommand", error.FullyQualifiedErrorId);
        Assert.Contains(error.CategoryInfo.Category, new[] { ErrorCategory.InvalidArgument, ErrorCategory.InvalidData });
        Assert.Empty(_ps.Run("Get-TlsServer | Where-Object { $_.OwnerId -eq [runspace]::DefaultRunspace.InstanceId }"));
    }

    [Fact]
    public void Ssl3IsRefusedWithAReason()
    {
        var error = _ps.RunExpectingError("Start-TlsServer -Port 0 -Protocol Ssl3");

        Assert.Equal("ProtocolNotSupported,TlsServer.PowerShell.Commands.StartTlsServerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.NotImplemented, error.CategoryInfo.Category);
        Assert.Contains("BouncyCastle", error.Exception.Message);
    }

    public void Dispose() => _ps.Dispose();
}
