using System.Management.Automation;
using System.Text;
using TlsServer.Engine;

namespace TlsServer.PowerShell.Commands;

/// <summary>
/// Sends text or bytes to clients as application data (what s_server sends from its keyboard), or with -Plaintext raw
/// bytes under the TLS layer (s_server's P).
/// </summary>
[Cmdlet(VerbsCommunications.Send, "TlsData", DefaultParameterSetName = TextSet, SupportsShouldProcess = true)]
[OutputType(typeof(Session))]
public sealed class SendTlsDataCommand : PSCmdlet
{
    private const string TextSet = "Text";
    private const string BytesSet = "Bytes";
    private const string PlaintextSet = "Plaintext";

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

    [Parameter(ParameterSetName = PlaintextSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public byte[] Plaintext { get; set; } = Array.Empty<byte>();

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var data = ParameterSetName switch
        {
            BytesSet => Bytes,
            PlaintextSet => Plaintext,
            _ => Encoding.UTF8.GetBytes(Text),
        };
        foreach (var session in Session)
        {
            if (!ShouldProcess($"session {session.Id} of {session.Server.Name} ({session.RemoteEndPoint})", $"Send {data.Length} bytes"))
            {
                continue;
            }

            if (ParameterSetName == PlaintextSet)
            {
                if (!SessionCommand.TryRun(this, () => session.Server.SendPlaintext(session.Id, Plaintext, _stop.Token), out _))
                {
                    continue;
                }
            }
            else
            {
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
            }

            if (PassThru)
            {
                WriteObject(session.Server.GetSessions().FirstOrDefault(s => s.Id == session.Id) ?? session);
            }
        }
    }

    protected override void StopProcessing() => _stop.Cancel();
}
