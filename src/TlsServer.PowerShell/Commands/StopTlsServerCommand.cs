using System.Management.Automation;
using TlsServer.Engine;

namespace TlsServer.PowerShell.Commands;

/// <summary>Stops servers: no new connections, and close_notify on every open one (s_server's Q). A stopped server stays as it is.</summary>
[Cmdlet(VerbsLifecycle.Stop, "TlsServer", DefaultParameterSetName = ServerSet, SupportsShouldProcess = true)]
[OutputType(typeof(Server))]
public sealed class StopTlsServerCommand : ServerTargetCommand
{
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var server in SelectedServers())
        {
            if (server.State is ServerState.Running or ServerState.Starting or ServerState.Stopping
                && !ShouldProcess(Target(server), "Stop"))
            {
                continue;
            }

            server.Stop();
            if (PassThru)
            {
                WriteObject(server);
            }
        }
    }
}
