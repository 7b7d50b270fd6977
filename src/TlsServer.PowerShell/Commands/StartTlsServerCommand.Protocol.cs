using System.Management.Automation;

namespace TlsServer.PowerShell.Commands;

/// <summary>Start-TlsServer's protocol-feature switches (s_server -no_ems, -no_etm, -no_middlebox, -bugs, -comp).</summary>
public sealed partial class StartTlsServerCommand
{
    [Parameter]
    [Alias("NoEms")]
    public SwitchParameter NoExtendedMasterSecret { get; set; }

    [Parameter]
    [Alias("NoEtm")]
    public SwitchParameter NoEncryptThenMac { get; set; }

    [Parameter]
    [Alias("NoMiddlebox")]
    public SwitchParameter NoMiddleboxCompatibility { get; set; }

    [Parameter]
    public SwitchParameter Bugs { get; set; }

    [Parameter]
    public SwitchParameter Compression { get; set; }
}
