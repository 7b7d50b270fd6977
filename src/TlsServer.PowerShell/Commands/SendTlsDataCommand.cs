using System.Management.Automation;
using System.Text;
using TlsServer.Engine;

namespace TlsServer.PowerShell.Commands;

/// <summary>Sends text or bytes to clients as application data (what s_server sends from its keyboard).</summary>
[Cmdlet(VerbsCommunications.Send, "TlsData", DefaultParameterSetName = TextSet, SupportsShouldProcess = true)]
[OutputType(typeof(Session))]
public sealed class SendTlsDataCommand : PSCmdlet
{
    private const string TextSet = "Text";
    private const string BytesSet = "Bytes";

    private readonly CancellationTokenSource _stop = new();

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Session[] Session { get; set; } = Array.Empty<Session>();

    [Parameter(ParameterSetName = TextSet, Mandatory = true, Position = 0)]
    [AllowEmptyString]
    public string Text { get; set; } = string.Empty;

    [Parameter(ParameterSetName = BytesSet, Mandatory = true)]
    [ValidateNotNull]
    public byte[] Bytes { get; set; } = Array.Empty<byte>();

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var data = ParameterSetName == BytesSet ? Bytes : Encoding.UTF8.GetBytes(Text);
        foreach (var session in Session)
        {
            if (!ShouldProcess($"session {session.Id} of {session.Server.Name} ({session.RemoteEndPoint})", $"Send {data.Length} bytes"))
            {
                continue;
            }

            try
            {
                session.Server.GetConnection(session.Id).Send(data, _stop.Token);
            }
            catch (TlsServerException e)
            {
                WriteError(ErrorRecords.From(e));
                continue;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (PassThru)
            {
                WriteObject(session.Server.GetSessions().FirstOrDefault(s => s.Id == session.Id) ?? session);
            }
        }
    }

    protected override void StopProcessing() => _stop.Cancel();
}
