using System.Management.Automation;
using TlsServer.Engine;

namespace TlsServer.PowerShell.Commands;

/// <summary>Ends sessions with close_notify, or resets them (s_server's q); the server keeps accepting.</summary>
[Cmdlet(VerbsLifecycle.Stop, "TlsSession", DefaultParameterSetName = SessionSet, SupportsShouldProcess = true)]
[Alias("Close-TlsSession")]
[OutputType(typeof(Session))]
public sealed class StopTlsSessionCommand : SessionTargetCommand
{
    private readonly CancellationTokenSource _stop = new();

    [Parameter]
    public SwitchParameter Abort { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        string action = Abort ? "Reset without close_notify" : "Send close_notify and close";
        foreach (var (server, session) in Targets())
        {
            if (ShouldProcess(SessionCommand.Target(session), action)
                && SessionCommand.TryRun(this, () => server.CloseSession(session.Id, Abort, Engine.Server.StopGracePeriod, _stop.Token), out var ended)
                && PassThru)
            {
                WriteObject(ended);
            }
        }
    }

    protected override void StopProcessing() => _stop.Cancel();
}
