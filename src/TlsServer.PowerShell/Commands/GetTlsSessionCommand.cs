using System.Management.Automation;
using TlsServer.Engine;
using SessionState = TlsServer.Engine.SessionState;

namespace TlsServer.PowerShell.Commands;

/// <summary>Lists the sessions of servers: what was negotiated, how much crossed, and how each ended.</summary>
[Cmdlet(VerbsCommon.Get, "TlsSession")]
[OutputType(typeof(Session))]
public sealed class GetTlsSessionCommand : PSCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Server[]? Server { get; set; }

    [Parameter]
    public long[]? Id { get; set; }

    [Parameter]
    public SessionState[]? State { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var server in Server ?? ServerRegistry.GetServers().ToArray())
        {
            foreach (var session in server.GetSessions())
            {
                if ((Id is null || Id.Contains(session.Id)) && (State is null || State.Contains(session.State)))
                {
                    WriteObject(session);
                }
            }
        }
    }
}
