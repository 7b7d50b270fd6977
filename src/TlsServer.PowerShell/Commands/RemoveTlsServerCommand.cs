using System.Management.Automation;
using TlsServer.Engine;

namespace TlsServer.PowerShell.Commands;

/// <summary>Stops servers if they still run, then forgets them, so Get-TlsServer no longer lists them.</summary>
[Cmdlet(VerbsCommon.Remove, "TlsServer", DefaultParameterSetName = ServerSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveTlsServerCommand : ServerTargetCommand
{
    protected override void ProcessRecord()
    {
        foreach (var server in SelectedServers())
        {
            string action = server.State is ServerState.Stopped or ServerState.Faulted ? "Remove" : "Stop and remove";
            if (!ShouldProcess(Target(server), action))
            {
                continue;
            }

            server.Stop();
            ServerRegistry.Remove(server);
        }
    }
}
