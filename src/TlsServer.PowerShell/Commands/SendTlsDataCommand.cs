using System.Management.Automation;
using TlsServer.Engine;

namespace TlsServer.PowerShell.Commands;

/// <summary>Sends data to a client. -Plaintext is s_server's P: raw bytes under the TLS layer.</summary>
[Cmdlet(VerbsCommunications.Send, "TlsData", DefaultParameterSetName = PlaintextSet)]
public sealed class SendTlsDataCommand : PSCmdlet
{
    private const string PlaintextSet = "Plaintext";

    private readonly CancellationTokenSource _stop = new();

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Session[] Session { get; set; } = Array.Empty<Session>();

    [Parameter(ParameterSetName = PlaintextSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public byte[] Plaintext { get; set; } = Array.Empty<byte>();

    protected override void ProcessRecord()
    {
        foreach (var session in Session)
        {
            SessionCommand.TryRun(this, () => session.Server.SendPlaintext(session.Id, Plaintext, _stop.Token), out _);
        }
    }

    protected override void StopProcessing() => _stop.Cancel();
}
