using System.Collections;
using System.Management.Automation;
using TlsServer.Engine;

namespace TlsServer.PowerShell.Commands;

/// <summary>Start-TlsServer's transport (DTLS, Unix sockets, address forms) and shared-secret (PSK, SRP) parameters.</summary>
public sealed partial class StartTlsServerCommand
{
    [Parameter(ParameterSetName = DtlsSet)]
    public SwitchParameter Dtls { get; set; }

    [Parameter(ParameterSetName = DtlsSet)]
    public SwitchParameter Listen { get; set; }

    [Parameter(ParameterSetName = DtlsSet)]
    [ValidateRange(ServerLimits.Mtu.Min, ServerLimits.Mtu.Max)]
    public int? Mtu { get; set; }

    [Parameter(ParameterSetName = DtlsSet)]
    [ValidateRange(ServerLimits.AssociationLimit.Min, ServerLimits.AssociationLimit.Max)]
    public int? AssociationLimit { get; set; }

    [Parameter(ParameterSetName = TcpSet)]
    [Parameter(ParameterSetName = DtlsSet)]
    [ValidateNotNullOrEmpty]
    public string? Accept { get; set; }

    [Parameter(ParameterSetName = TcpSet)]
    [Parameter(ParameterSetName = DtlsSet)]
    public ListenAddressFamily? AddressFamily { get; set; }

    [Parameter(ParameterSetName = UnixSocketSet)]
    [ValidateNotNullOrEmpty]
    public string? UnixSocket { get; set; }

    [Parameter(ParameterSetName = UnixSocketSet)]
    public SwitchParameter Unlink { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Psk { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string PskIdentity { get; set; } = ServerLimits.DefaultPskIdentity;

    [Parameter]
    [ValidateNotNull]
    public string? PskIdentityHint { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public IDictionary? PskTable { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SrpVerifierPath { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SrpUserSeed { get; set; }

    /// <summary>The PSK table for the engine, from -Psk/-PskIdentity or -PskTable.</summary>
    private IReadOnlyDictionary<string, string>? CheckTransportParameters() =>
        PskParameters.Collect(this, Psk, PskIdentity, Bound(nameof(PskIdentity)), PskTable);
}
