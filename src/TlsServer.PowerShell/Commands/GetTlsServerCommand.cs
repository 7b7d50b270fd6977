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

    [Parameter(ParameterSetName = NameSet, Position = 0)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter(ParameterSetName = IdSet, Mandatory = true)]
    public int[] Id { get; set; } = Array.Empty<int>();

    protected override void ProcessRecord()
    {
        var servers = ParameterSetName == IdSet ? ServerSelection.ById(this, Id) : ServerSelection.ByName(this, Name);
        foreach (var server in servers)
        {
            WriteObject(server);
        }
    }
}
