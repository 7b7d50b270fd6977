using System.Management.Automation;
using TlsServer.Engine;
using TlsServer.PowerShell.Completion;

namespace TlsServer.PowerShell;

/// <summary>
/// What Stop-TlsServer and Remove-TlsServer share: the servers to act on, as -Server (an object, a name or an id;
/// from the pipeline by value), -Id or -Name (from the pipeline by property name), as Stop-Process takes processes.
/// </summary>
public abstract class ServerTargetCommand : PSCmdlet
{
    protected const string ServerSet = "Server";
    protected const string IdSet = "Id";
    protected const string NameSet = "Name";

    [Parameter(ParameterSetName = ServerSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerReference[] Server { get; set; } = Array.Empty<ServerReference>();

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ServerIdCompleter))]
    public int[] Id { get; set; } = Array.Empty<int>();

    /// <summary>In the Id set too, so that an object with both (a server) binds there: the id, checked against the name.</summary>
    [Parameter(ParameterSetName = NameSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>The servers the parameters name; what names nothing is a non-terminating ServerNotFound.</summary>
    protected IEnumerable<Server> SelectedServers() => ParameterSetName switch
    {
        IdSet => ServerSelection.ById(this, Id, MyInvocation.BoundParameters.ContainsKey(nameof(Name)) ? Name : null),
        NameSet => ServerSelection.ByName(this, Name),
        _ => ServerSelection.Resolve(this, Server),
    };

    /// <summary>The ShouldProcess target: "TlsServer1 (Id 1, 127.0.0.1:4433, Running)".</summary>
    protected static string Target(Server server) =>
        $"{server.Name} (Id {server.Id}, {server.UnixSocket ?? $"{server.Address}:{server.Port}"}, {server.State})";
}
