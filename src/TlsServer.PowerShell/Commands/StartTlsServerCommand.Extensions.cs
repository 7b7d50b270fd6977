using System.Management.Automation;
using TlsServer.Engine;

namespace TlsServer.PowerShell.Commands;

/// <summary>Start-TlsServer's extension and diagnostic parameters (s_server -alpn, -status, -msg …).</summary>
public sealed partial class StartTlsServerCommand
{
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.AlpnCompleter))]
    public string[]? Alpn { get; set; }

    [Parameter]
    public SwitchParameter AlpnFatal { get; set; }

    [Parameter]
    public SwitchParameter AlpnOptional { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.AlpnCompleter))]
    public string[]? NextProtoNeg { get; set; }

    [Parameter]
    public SwitchParameter Status { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StatusUrl { get; set; }

    [Parameter]
    [Alias("StatusTimeout")]
    [ValidateRange(ServerLimits.StatusTimeoutSec.Min, ServerLimits.StatusTimeoutSec.Max)]
    public int? StatusTimeoutSec { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StatusFile { get; set; }

    [Parameter]
    public SwitchParameter StatusVerbose { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ServerInfoPath { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KeyLogPath { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KeyingMaterialLabel { get; set; }

    [Parameter]
    [ValidateRange(ServerLimits.KeyingMaterialLength.Min, ServerLimits.KeyingMaterialLength.Max)]
    public int? KeyingMaterialLength { get; set; }

    [Parameter]
    public SwitchParameter TlsExtDebug { get; set; }

    [Parameter]
    [Alias("Trace")]
    public SwitchParameter Msg { get; set; }

    [Parameter]
    public SwitchParameter State { get; set; }

    [Parameter]
    public SwitchParameter HexDump { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TraceFile { get; set; }

    [Parameter]
    public SwitchParameter Brief { get; set; }

    [Parameter]
    public SwitchParameter Quiet { get; set; }

    [Parameter]
    [ValidateRange(ServerLimits.MessageLimit.Min, ServerLimits.MessageLimit.Max)]
    public int? MessageLimit { get; set; }

    private ExtensionOptions BuildExtensionOptions() => new()
    {
        Alpn = Alpn,
        AlpnFatal = AlpnFatal,
        AlpnOptional = AlpnOptional,
        NextProtocols = NextProtoNeg,
        Status = Status,
        StatusUrl = StatusUrl,
        StatusTimeout = Seconds(StatusTimeoutSec),
        StatusFile = ResolvePath(StatusFile),
        StatusVerbose = StatusVerbose,
        ServerInfoPath = ResolvePath(ServerInfoPath),
        KeyLogPath = ResolvePath(KeyLogPath),
        KeyingMaterialLabel = KeyingMaterialLabel,
        KeyingMaterialLength = KeyingMaterialLength,
        TlsExtDebug = TlsExtDebug,
    };

    private DiagnosticOptions BuildDiagnosticOptions() => new()
    {
        Messages = Msg,
        State = State,
        HexDump = HexDump,
        TraceFile = ResolvePath(TraceFile),
        // Under -Wait the brief connection lines go to the host instead (ForegroundRun), not twice.
        Brief = Brief && !Wait,
        Quiet = Quiet,
        MessageLimit = MessageLimit,
    };

    /// <summary>-StatusVerbose: the OCSP response fetched at start, on the Verbose stream.</summary>
    private void WriteStartDetails(Server server)
    {
        if (StatusVerbose && server.OcspResponse is { } response)
        {
            WriteVerbose(response.ToString());
        }
    }

}
