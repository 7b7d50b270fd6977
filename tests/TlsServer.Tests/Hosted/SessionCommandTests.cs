using System.Management.Automation;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Hosted;

/// <summary>The resumption parameters and the connected-command cmdlets, as a user types them.</summary>
public sealed class SessionCommandTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    [Fact]
    public void ResumptionSettingsAreFrozenOnTheServer()
    {
        var settings = _ps.Run("""
            $server = Start-TlsServer -Port 0 -SessionCacheSize 5 -SessionCacheTimeoutSec 60 -SessionContext 'ctx' -SessionIdPrefix 'p-' -NoTicket
            $server.Resumption
            """).Single();

        Assert.Equal(5, settings.Properties["SessionCacheSize"].Value);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.Properties["SessionCacheTimeout"].Value);
        Assert.Equal("ctx", settings.Properties["SessionContext"].Value);
        Assert.Equal("p-", settings.Properties["SessionIdPrefix"].Value);
        Assert.False((bool)settings.Properties["TicketsEnabled"].Value);
        Assert.True((bool)settings.Properties["SessionCacheEnabled"].Value);
        Assert.Contains("TLS 1.3", settings.ToString());
    }

    [Fact]
    public void TheDefaultsAreOpenSsls()
    {
        var settings = _ps.Run("(Start-TlsServer -Port 0).Resumption").Single();

        Assert.Equal(20480, settings.Properties["SessionCacheSize"].Value);
        Assert.Equal(TimeSpan.FromHours(2), settings.Properties["SessionCacheTimeout"].Value);
        Assert.Null(settings.Properties["SessionContext"].Value);
        Assert.True((bool)settings.Properties["TicketsEnabled"].Value);
    }

    [Theory]
    [InlineData("-SessionContext ('x' * 33)", "SessionContextTooLong")]
    [InlineData("-SessionIdPrefix ('x' * 25)", "SessionIdPrefixTooLong")]
    [InlineData("-SessionCacheSize 0", "ParameterArgumentValidationError")]
    [InlineData("-SessionCacheTimeoutSec 0", "ParameterArgumentValidationError")]
    public void BadResumptionValuesAreRefused(string arguments, string errorId)
    {
        var error = _ps.RunExpectingError($"Start-TlsServer -Port 0 {arguments}");

        Assert.Equal($"{errorId},TlsServer.PowerShell.Commands.StartTlsServerCommand", error.FullyQualifiedErrorId);
        Assert.Contains(error.CategoryInfo.Category, new[] { ErrorCategory.InvalidArgument, ErrorCategory.InvalidData });
    }

    [Fact]
    public void NoResumptionOnRenegotiationIsAcceptedWithANote()
    {
        var verbose = _ps.Run("""
            Start-TlsServer -Port 0 -NoResumptionOnRenegotiation -Verbose 4>&1 | ForEach-Object {
                if ($_ -is [System.Management.Automation.VerboseRecord]) { $_.Message } else { $_.Resumption.NoResumptionOnRenegotiation }
            }
            """).Select(o => o.ToString()).ToList();

        Assert.Contains(verbose, line => line.Contains("changes nothing", StringComparison.Ordinal));
        Assert.Equal("True", verbose.Last());
    }

    [Fact]
    public void AnEndedSessionIsClosedForEveryCommand()
    {
        _ps.Run("""
            $server = Start-TlsServer -Port 0
            $tcp = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $server.Port)
            $tcp.Dispose()
            $ended = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10
            """);

        foreach (var (command, cmdlet) in new[]
        {
            ("$ended | Stop-TlsSession", "StopTlsSessionCommand"),
            ("$ended | Invoke-TlsRenegotiation", "InvokeTlsRenegotiationCommand"),
            ("$ended | Send-TlsData -Plaintext 1,2,3", "SendTlsDataCommand"),
            ("$ended | Send-TlsAlert -Description close_notify", "SendTlsAlertCommand"),
        })
        {
            var error = _ps.RunExpectingError(command);
            Assert.Equal($"SessionClosed,TlsServer.PowerShell.Commands.{cmdlet}", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        }
    }

    [Fact]
    public void ASessionStillInItsHandshakeCannotRenegotiateButCanBeClosed()
    {
        _ps.Run("""
            $server = Start-TlsServer -Port 0
            $tcp = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $server.Port)
            $pending = Wait-TlsSession -Server $server -State Handshaking -TimeoutSec 10
            """);

        var error = _ps.RunExpectingError("$pending | Invoke-TlsRenegotiation");
        Assert.Equal("SessionNotEstablished,TlsServer.PowerShell.Commands.InvokeTlsRenegotiationCommand", error.FullyQualifiedErrorId);

        _ps.Run("$pending | Stop-TlsSession -WhatIf");
        Assert.Equal("Handshaking", _ps.Get<string>("(Get-TlsSession -Server $server).State.ToString()"));

        var closed = _ps.Run("$pending | Stop-TlsSession -PassThru; $tcp.Dispose()").Single();
        Assert.Equal("Failed", closed.Properties["State"].Value.ToString());
        Assert.Contains("Stop-TlsSession", (string)closed.Properties["Error"].Value);
    }

    [Fact]
    public void ASessionTheServerNoLongerKeepsIsNotFound()
    {
        _ps.Run("""
            $server = Start-TlsServer -Port 0 -SessionHistoryLimit 1
            [System.Net.Sockets.TcpClient]::new('127.0.0.1', $server.Port).Dispose()
            $first = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10
            [System.Net.Sockets.TcpClient]::new('127.0.0.1', $server.Port).Dispose()
            $null = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10 | Where-Object Id -ne $first.Id
            """);

        var error = _ps.RunExpectingError("$first | Stop-TlsSession");

        Assert.Equal("SessionNotFound,TlsServer.PowerShell.Commands.StopTlsSessionCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void AnUnknownAlertNameIsRefusedAndTheNamesComplete()
    {
        var error = _ps.RunExpectingError("@() | Send-TlsAlert -Description no_such_alert");
        Assert.Equal("UnknownAlertDescription,TlsServer.PowerShell.Commands.SendTlsAlertCommand", error.FullyQualifiedErrorId);
        Assert.Contains("handshake_failure", error.Exception.Message);

        Assert.Equal(new[] { "user_canceled" }, Complete("Send-TlsAlert -Description user_"));
        Assert.Equal(new[] { "Fatal" }, Complete("Send-TlsAlert -Level F"));
        Assert.Equal("Stop-TlsSession", _ps.Get<string>("(Get-Command Close-TlsSession).ResolvedCommandName"));
        Assert.Equal((object[])ModuleManifest.Get("AliasesToExport")!,
            _ps.Run("(Get-Command -Module TlsServer -CommandType Alias).Name").Select(o => (object)o.ToString()).ToArray());
    }

    private IEnumerable<string?> Complete(string line) =>
        _ps.Run($"(TabExpansion2 -inputScript '{line}' -cursorColumn {line.Length}).CompletionMatches.CompletionText").Select(o => o.ToString());

    public void Dispose() => _ps.Dispose();
}
