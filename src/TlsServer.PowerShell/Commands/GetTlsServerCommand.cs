using System.Management.Automation;
using TlsServer.Engine;
using TlsServer.PowerShell.Completion;

namespace TlsServer.PowerShell.Commands;

/// <summary>Lists the running and recently stopped servers of this process.</summary>
[Cmdlet(VerbsCommon.Get, "TlsServer", DefaultParameterSetName = NameSet)]
[OutputType(typeof(Server))]
public sealed class GetTlsServerCommand : PSCmdlet
{
    private const string NameSet = "Name";
    private const string IdSet = "Id";
    private const string ServerSet = "Server";

    [Parameter(ParameterSetName = NameSet, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ServerIdCompleter))]
    public int[] Id { get; set; } = Array.Empty<int>();

    /// <summary>Servers by object, name or id, and the server of each session piped in.</summary>
    [Parameter(ParameterSetName = ServerSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerReference[] Server { get; set; } = Array.Empty<ServerReference>();

    protected override void ProcessRecord()
    {
        var servers = ParameterSetName switch
        {
            IdSet => ServerSelection.ById(this, Id, Name),
            ServerSet => ServerSelection.Resolve(this, Server),
            _ => ServerSelection.ByName(this, Name),
        };
        foreach (var server in servers)
        {
            WriteObject(server);
        }
    }
}
