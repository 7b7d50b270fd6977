using System.Management.Automation;
using TlsServer.Engine;
using TlsServer.PowerShell.Completion;

namespace TlsServer.PowerShell.Commands;

/// <summary>Sends any TLS alert to a client, at the level asked for; a fatal alert ends the connection.</summary>
[Cmdlet(VerbsCommunications.Send, "TlsAlert", DefaultParameterSetName = DescriptionSet, SupportsShouldProcess = true)]
[OutputType(typeof(Session))]
public sealed class SendTlsAlertCommand : PSCmdlet
{
    private const string DescriptionSet = "Description";
    private const string CodeSet = "Code";
    private const string DescriptionByIdSet = "DescriptionById";
    private const string CodeByIdSet = "CodeById";

    private readonly CancellationTokenSource _stop = new();

    // Named, as with Send-TlsData: "$session | Send-TlsAlert internal_error" binds the alert by position.
    [Parameter(ParameterSetName = DescriptionSet, Mandatory = true, ValueFromPipeline = true)]
    [Parameter(ParameterSetName = CodeSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Session[]? Session { get; set; }

    [Parameter(ParameterSetName = DescriptionByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = CodeByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerReference? Server { get; set; }

    [Parameter(ParameterSetName = DescriptionByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = CodeByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public long[]? Id { get; set; }

    [Parameter(ParameterSetName = DescriptionSet, Mandatory = true, Position = 0)]
    [Parameter(ParameterSetName = DescriptionByIdSet, Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AlertDescriptionCompleter))]
    public string Description { get; set; } = string.Empty;

    [Parameter(ParameterSetName = CodeSet, Mandatory = true)]
    [Parameter(ParameterSetName = CodeByIdSet, Mandatory = true)]
    [ValidateRange(0, 255)]
    public int Code { get; set; }

    [Parameter]
    public TlsAlertLevel Level { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        // Before the pipeline input is bound the set may be either twin, so the bound parameter decides.
        if (MyInvocation.BoundParameters.ContainsKey(nameof(Description)))
        {
            if (!TlsAlertDescriptions.TryGetCode(Description, out int code))
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.UnknownAlertDescription, ErrorCategory.InvalidArgument,
                    $"'{Description}' is not a TLS alert. Use one of: {string.Join(", ", TlsAlertDescriptions.Names)}; or -Code for any value.",
                    Description));
            }

            Code = code;
        }

        if (!MyInvocation.BoundParameters.ContainsKey(nameof(Level)))
        {
            Level = TlsAlertDescriptions.DefaultLevel(Code);
        }
    }

    protected override void ProcessRecord()
    {
        string action = $"Send the {Level.ToString().ToLowerInvariant()} alert {TlsAlertDescriptions.Name(Code)}";
        foreach (var (server, session) in SessionTargets.Resolve(this, Session, Server, Id))
        {
            if (ShouldProcess(SessionCommand.Target(session), action)
                && SessionCommand.TryRun(this, () => server.SendAlert(session.Id, Level, Code, Engine.Server.StopGracePeriod, _stop.Token), out var after)
                && PassThru)
            {
                WriteObject(after);
            }
        }
    }

    protected override void StopProcessing() => _stop.Cancel();
}
