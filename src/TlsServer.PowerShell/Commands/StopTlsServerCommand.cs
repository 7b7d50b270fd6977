using System.Management.Automation;
using TlsServer.Engine;
using TlsServer.PowerShell.Completion;

namespace TlsServer.PowerShell.Commands;

/// <summary>Stops servers: no new connections, and close_notify on every open one (s_server's Q).</summary>
[Cmdlet(VerbsLifecycle.Stop, "TlsServer", DefaultParameterSetName = ServerSet, SupportsShouldProcess = true)]
[OutputType(typeof(Server))]
public sealed class StopTlsServerCommand : PSCmdlet
{
    private const string ServerSet = "Server";
    private const string IdSet = "Id";
    private const string NameSet = "Name";

    [Parameter(ParameterSetName = ServerSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Server[] Server { get; set; } = Array.Empty<Server>();

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    public int[] Id { get; set; } = Array.Empty<int>();

    [Parameter(ParameterSetName = NameSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var servers = ParameterSetName switch
        {
            IdSet => ServerSelection.ById(this, Id),
            NameSet => ServerSelection.ByName(this, Name),
            _ => Server,
        };
        foreach (var server in servers)
        {
            if (!ShouldProcess($"{server.Name} (Id {server.Id}, port {server.Port})", "Stop"))
            {
                continue;
            }

            try
            {
                server.Stop();
            }
            catch (TlsServerException e)
            {
                WriteError(ErrorRecords.From(e));
                continue;
            }

            if (PassThru)
            {
                WriteObject(server);
            }
        }
    }
}
