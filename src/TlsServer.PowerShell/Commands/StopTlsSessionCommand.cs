using System.Management.Automation;
using TlsServer.Engine;

namespace TlsServer.PowerShell.Commands;

/// <summary>Ends sessions with close_notify, or resets them (s_server's q); the server keeps accepting.</summary>
[Cmdlet(VerbsLifecycle.Stop, "TlsSession", SupportsShouldProcess = true)]
[Alias("Close-TlsSession")]
[OutputType(typeof(Session))]
public sealed class StopTlsSessionCommand : PSCmdlet
{
    private readonly CancellationTokenSource _stop = new();

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Session[] Session { get; set; } = Array.Empty<Session>();

    [Parameter]
    public SwitchParameter Abort { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var session in Session)
        {
            string action = Abort ? "Reset without close_notify" : "Send close_notify and close";
            if (!ShouldProcess(SessionCommand.Target(session), action))
            {
                continue;
            }

            if (SessionCommand.TryRun(this, () => session.Server.CloseSession(session.Id, Abort, Server.StopGracePeriod, _stop.Token), out var ended)
                && PassThru)
            {
                WriteObject(ended);
            }
        }
    }

    protected override void StopProcessing() => _stop.Cancel();
}
