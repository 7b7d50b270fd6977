using System.Management.Automation;
using System.Text;
using TlsServer.Engine;
using TlsServer.PowerShell.Completion;

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
    private const string TextByIdSet = "TextById";
    private const string BytesByIdSet = "BytesById";
    private const string PlaintextByIdSet = "PlaintextById";

    private readonly CancellationTokenSource _stop = new();
    private byte[]? _data;

    [Parameter(ParameterSetName = TextSet, Mandatory = true, ValueFromPipeline = true)]
    [Parameter(ParameterSetName = BytesSet, Mandatory = true, ValueFromPipeline = true)]
    [Parameter(ParameterSetName = PlaintextSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Session[]? Session { get; set; }

    [Parameter(ParameterSetName = TextByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = BytesByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = PlaintextByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerReference? Server { get; set; }

    [Parameter(ParameterSetName = TextByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = BytesByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = PlaintextByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public long[]? Id { get; set; }

    [Parameter(ParameterSetName = TextSet, Mandatory = true, Position = 0)]
    [Parameter(ParameterSetName = TextByIdSet, Mandatory = true, Position = 0)]
    [AllowEmptyString]
    public string Text { get; set; } = string.Empty;

    [Parameter(ParameterSetName = BytesSet, Mandatory = true)]
    [Parameter(ParameterSetName = BytesByIdSet, Mandatory = true)]
    [ValidateNotNull]
    public byte[] Bytes { get; set; } = Array.Empty<byte>();

    /// <summary>Bytes (a byte array or numbers 0-255), or a string sent as its UTF-8 bytes.</summary>
    [Parameter(ParameterSetName = PlaintextSet, Mandatory = true)]
    [Parameter(ParameterSetName = PlaintextByIdSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public object? Plaintext { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    // The parameter set is known only once the pipeline input is bound, so the data is read in ProcessRecord.
    private bool IsPlaintext => MyInvocation.BoundParameters.ContainsKey(nameof(Plaintext));

    protected override void ProcessRecord()
    {
        byte[] data = _data ??= IsPlaintext ? PlaintextBytes.From(this, Plaintext)
            : MyInvocation.BoundParameters.ContainsKey(nameof(Bytes)) ? Bytes
            : Encoding.UTF8.GetBytes(Text);
        foreach (var (server, session) in SessionTargets.Resolve(this, Session, Server, Id))
        {
            string action = IsPlaintext ? $"Send {data.Length} bytes under the TLS layer" : $"Send {data.Length} bytes";
            if (!ShouldProcess(SessionCommand.Target(session), action))
            {
                continue;
            }

            bool sent = IsPlaintext
                ? SessionCommand.TryRun(this, () => server.SendPlaintext(session.Id, data, _stop.Token), out _)
                : SessionCommand.TryRun(this, () => { server.GetConnection(session.Id).Send(data, _stop.Token); return true; }, out _);
            if (sent && PassThru)
            {
                WriteObject(server.GetSession(session.Id));
            }
        }
    }

    protected override void StopProcessing() => _stop.Cancel();
}
