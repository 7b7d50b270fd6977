using System.Management.Automation;
using TlsServer.Engine;
using TlsServer.PowerShell.Completion;
using SessionState = TlsServer.Engine.SessionState;

namespace TlsServer.PowerShell.Commands;

/// <summary>Lists the sessions of servers: what was negotiated, how much crossed, and how each ended.</summary>
[Cmdlet(VerbsCommon.Get, "TlsSession", DefaultParameterSetName = ServerSet)]
[OutputType(typeof(Session))]
public sealed class GetTlsSessionCommand : PSCmdlet
{
    private const string ServerSet = "Server";
    private const string IdSet = "Id";

    /// <summary>Server objects, names (wildcards) or ids; every server when left out.</summary>
    [Parameter(ParameterSetName = ServerSet, Position = 0, ValueFromPipeline = true)]
    [Parameter(ParameterSetName = IdSet, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerReference[]? Server { get; set; }

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public long[] Id { get; set; } = Array.Empty<long>();

    [Parameter]
    public SessionState[]? State { get; set; }

    protected override void ProcessRecord()
    {
        var servers = Server is null ? ServerRegistry.GetServers() : ServerSelection.Resolve(this, Server);
        foreach (var server in servers)
        {
            var sessions = ParameterSetName == IdSet
                ? server.GetSessions().Where(s => Id.Contains(s.Id))
                : server.GetSessions();
            foreach (var session in sessions)
            {
                if (State is null || State.Any(state => state.ToString() == session.State))
                {
                    WriteObject(session);
                }
            }
        }
    }
}
