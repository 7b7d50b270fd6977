using System.Management.Automation;
using TlsServer.Engine;
using TlsServer.PowerShell.Completion;

namespace TlsServer.PowerShell.Commands;

/// <summary>Ends sessions with close_notify, or resets them (s_server's q); the server keeps accepting.</summary>
[Cmdlet(VerbsLifecycle.Stop, "TlsSession", DefaultParameterSetName = SessionSet, SupportsShouldProcess = true)]
[Alias("Close-TlsSession")]
[OutputType(typeof(Session))]
public sealed class StopTlsSessionCommand : PSCmdlet
{
    private const string SessionSet = "Session";
    private const string IdSet = "Id";

    private readonly CancellationTokenSource _stop = new();

    [Parameter(ParameterSetName = SessionSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Session[]? Session { get; set; }

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerReference? Server { get; set; }

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public long[]? Id { get; set; }

    [Parameter]
    public SwitchParameter Abort { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        string action = Abort ? "Reset without close_notify" : "Send close_notify and close";
        foreach (var (server, session) in SessionTargets.Resolve(this, Session, Server, Id))
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
