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

    private readonly CancellationTokenSource _stop = new();

    // Named, as with Send-TlsData: "$session | Send-TlsAlert internal_error" binds the alert by position.
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Session[] Session { get; set; } = Array.Empty<Session>();

    [Parameter(ParameterSetName = DescriptionSet, Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AlertDescriptionCompleter))]
    public string Description { get; set; } = string.Empty;

    [Parameter(ParameterSetName = CodeSet, Mandatory = true)]
    [ValidateRange(0, 255)]
    public int Code { get; set; }

    [Parameter]
    public TlsAlertLevel Level { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        if (ParameterSetName == DescriptionSet)
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
        foreach (var session in Session)
        {
            string action = $"Send the {Level.ToString().ToLowerInvariant()} alert {TlsAlertDescriptions.Name(Code)}";
            if (ShouldProcess(SessionCommand.Target(session), action)
                && SessionCommand.TryRun(this, () => session.Server.SendAlert(session.Id, Level, Code, Server.StopGracePeriod, _stop.Token), out var after)
                && PassThru)
            {
                WriteObject(after);
            }
        }
    }

    protected override void StopProcessing() => _stop.Cancel();
}
