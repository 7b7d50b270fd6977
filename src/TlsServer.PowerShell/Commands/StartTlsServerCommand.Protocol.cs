using System.Management.Automation;
using TlsServer.Engine;

namespace TlsServer.PowerShell.Commands;

/// <summary>Start-TlsServer's protocol-feature and record parameters, and the s_server options kept only to explain why they cannot work.</summary>
public sealed partial class StartTlsServerCommand
{
    [Parameter]
    [Alias("NoEms")]
    public SwitchParameter NoExtendedMasterSecret { get; set; }

    [Parameter]
    [Alias("NoEtm")]
    public SwitchParameter NoEncryptThenMac { get; set; }

    [Parameter(ParameterSetName = TcpSet)]
    [Parameter(ParameterSetName = UnixSocketSet)]
    [Alias("NoMiddlebox")]
    public SwitchParameter NoMiddleboxCompatibility { get; set; }

    [Parameter]
    public SwitchParameter Bugs { get; set; }

    [Parameter]
    public SwitchParameter Compression { get; set; }

    [Parameter(ParameterSetName = TcpSet)]
    [Parameter(ParameterSetName = UnixSocketSet)]
    [Alias("SplitSendFragment")]
    [ValidateRange(ServerLimits.MaxSendFragment.Min, ServerLimits.MaxSendFragment.Max)]
    public int? MaxSendFragment { get; set; }

    [Parameter(ParameterSetName = TcpSet)]
    [Parameter(ParameterSetName = UnixSocketSet)]
    [ValidateRange(ServerLimits.ReadBufferSize.Min, ServerLimits.ReadBufferSize.Max)]
    public int? ReadBufferSize { get; set; }

    [Parameter(ParameterSetName = TcpSet)]
    [Parameter(ParameterSetName = UnixSocketSet)]
    [Alias("NbioTest")]
    public SwitchParameter NonBlockingTest { get; set; }

    [Parameter]
    public SwitchParameter Async { get; set; }

    [Parameter]
    public int MaxPipelines { get; set; }

    [Parameter]
    public string? RandomSeedPath { get; set; }

    [Parameter]
    [Alias("NumTickets")]
    public int TicketCount { get; set; }

    [Parameter]
    [Alias("AntiReplay")]
    public SwitchParameter EarlyData { get; set; }

    [Parameter]
    public int MaxEarlyData { get; set; }
}
