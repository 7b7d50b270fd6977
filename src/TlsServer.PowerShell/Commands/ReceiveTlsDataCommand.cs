using System.Management.Automation;
using TlsServer.Engine;
using TlsServer.PowerShell.Completion;

namespace TlsServer.PowerShell.Commands;

/// <summary>Reads what clients sent in interactive mode (what s_server prints), as text or bytes.</summary>
[Cmdlet(VerbsCommunications.Receive, "TlsData", DefaultParameterSetName = StringSet)]
[OutputType(typeof(string), ParameterSetName = new[] { StringSet, StringByIdSet })]
[OutputType(typeof(byte[]), ParameterSetName = new[] { ByteStreamSet, ByteStreamByIdSet })]
public sealed class ReceiveTlsDataCommand : PSCmdlet
{
    private const string StringSet = "AsString";
    private const string ByteStreamSet = "AsByteStream";
    private const string StringByIdSet = "AsStringById";
    private const string ByteStreamByIdSet = "AsByteStreamById";

    private readonly CancellationTokenSource _stop = new();

    [Parameter(ParameterSetName = StringSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Parameter(ParameterSetName = ByteStreamSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Session[]? Session { get; set; }

    [Parameter(ParameterSetName = StringByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = ByteStreamByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerReference? Server { get; set; }

    [Parameter(ParameterSetName = StringByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = ByteStreamByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public long[]? Id { get; set; }

    [Parameter(ParameterSetName = StringSet)]
    [Parameter(ParameterSetName = StringByIdSet)]
    public SwitchParameter AsString { get; set; }

    [Parameter(ParameterSetName = ByteStreamSet, Mandatory = true)]
    [Parameter(ParameterSetName = ByteStreamByIdSet, Mandatory = true)]
    public SwitchParameter AsByteStream { get; set; }

    [Parameter]
    public SwitchParameter Wait { get; set; }

    [Parameter]
    [Alias("Timeout")]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; } = 30;

    protected override void ProcessRecord()
    {
        bool wait = Wait || MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSec));
        foreach (var (server, session) in SessionTargets.Resolve(this, Session, Server, Id))
        {
            try
            {
                Receive(server.GetConnection(session.Id), wait);
            }
            catch (TlsServerException e)
            {
                WriteError(ErrorRecords.From(e));
            }

            if (_stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    protected override void StopProcessing() => _stop.Cancel();

    private void Receive(SessionConnection connection, bool wait)
    {
        if (wait && !connection.WaitForData(TimeSpan.FromSeconds(TimeoutSec), _stop.Token))
        {
            if (!_stop.IsCancellationRequested)
            {
                WriteError(ErrorRecords.Create(ErrorIds.ReceiveTimedOut, ErrorCategory.OperationTimeout,
                    $"Session {connection.SessionId} of server '{connection.Server.Name}' sent nothing within {TimeoutSec} s.", connection));
            }

            return;
        }

        if (AsByteStream)
        {
            var bytes = connection.Receive();
            if (bytes.Length > 0)
            {
                WriteObject(bytes, enumerateCollection: false);
            }
        }
        else
        {
            var text = connection.ReceiveText();
            if (text.Length > 0)
            {
                WriteObject(text);
            }
        }

        if (connection.DiscardedBytes > 0 && connection.UnreadBytes == 0)
        {
            WriteWarning($"Session {connection.SessionId} of server '{connection.Server.Name}' ended with {connection.DiscardedBytes} unread bytes that the server discarded to stay within its retention limit.");
        }
    }
}
