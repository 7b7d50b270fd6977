using System.Management.Automation;
using TlsServer.Engine;

namespace TlsServer.PowerShell.Commands;

/// <summary>
/// s_server's r, R, k and K: a KeyUpdate on TLS 1.3; on TLS 1.2 only a HelloRequest, when asked for, because
/// BouncyCastle cannot renegotiate. On the System engine, -RequestClientCertificate renegotiates (TLS 1.2) or asks
/// for a certificate after the handshake (TLS 1.3).
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "TlsRenegotiation", DefaultParameterSetName = SessionSet, SupportsShouldProcess = true)]
[OutputType(typeof(RenegotiationResult))]
public sealed class InvokeTlsRenegotiationCommand : SessionTargetCommand
{
    private readonly CancellationTokenSource _stop = new();

    [Parameter]
    public SwitchParameter RequestPeerUpdate { get; set; }

    [Parameter]
    public SwitchParameter HelloRequestOnly { get; set; }

    [Parameter]
    public SwitchParameter RequestClientCertificate { get; set; }

    [Parameter]
    [ValidateRange(0, 3600)]
    public int TimeoutSec { get; set; } = 5;

    protected override void ProcessRecord()
    {
        var options = new RenegotiationOptions
        {
            RequestPeerUpdate = RequestPeerUpdate,
            HelloRequestOnly = HelloRequestOnly,
            RequestClientCertificate = RequestClientCertificate,
        };
        string action = RequestClientCertificate ? "Request a client certificate"
            : HelloRequestOnly ? "Send a HelloRequest" : RequestPeerUpdate ? "Send a KeyUpdate (update_requested)" : "Renegotiate";
        foreach (var (server, session) in Targets())
        {
            if (ShouldProcess(SessionCommand.Target(session), action)
                && SessionCommand.TryRun(this, () => server.Renegotiate(session.Id, options, TimeSpan.FromSeconds(TimeoutSec), _stop.Token), out var result))
            {
                WriteObject(result);
            }
        }
    }

    protected override void StopProcessing() => _stop.Cancel();
}
