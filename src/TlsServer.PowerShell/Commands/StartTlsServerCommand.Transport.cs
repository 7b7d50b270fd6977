using System.Collections;
using System.Management.Automation;
using TlsServer.Engine;

namespace TlsServer.PowerShell.Commands;

/// <summary>Start-TlsServer's transport (DTLS, Unix sockets, address forms) and shared-secret (PSK, SRP) parameters.</summary>
public sealed partial class StartTlsServerCommand
{
    [Parameter]
    public SwitchParameter Dtls { get; set; }

    [Parameter]
    public SwitchParameter Listen { get; set; }

    [Parameter]
    [ValidateRange(256, 65535)]
    public int Mtu { get; set; } = ServerOptions.DefaultMtu;

    [Parameter]
    [ValidateRange(1, 100_000)]
    public int AssociationLimit { get; set; } = ServerOptions.DefaultAssociationLimit;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Accept { get; set; }

    [Parameter]
    public ListenAddressFamily AddressFamily { get; set; } = ListenAddressFamily.Any;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? UnixSocket { get; set; }

    [Parameter]
    public SwitchParameter Unlink { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Psk { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string PskIdentity { get; set; } = ServerOptions.DefaultPskIdentity;

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

    /// <summary>The -Protocol default: DTLS 1.0 and 1.2 with -Dtls, else the server's TLS default.</summary>
    private IReadOnlyList<TlsProtocol> DefaultProtocols =>
        Dtls ? new[] { TlsProtocol.Dtls10, TlsProtocol.Dtls12 } : ServerOptions.DefaultProtocols;

    /// <summary>What only the cmdlet can see (-Dtls beside -Protocol); returns the PSK table for the engine.</summary>
    private IReadOnlyDictionary<string, string>? CheckTransportParameters(IReadOnlyList<TlsProtocol>? protocols)
    {
        if (Dtls && protocols?.Any(p => p is not (TlsProtocol.Dtls10 or TlsProtocol.Dtls12)) == true)
        {
            ThrowTerminatingError(ErrorRecords.Create("DtlsWithTls", ErrorCategory.InvalidArgument,
                "-Dtls serves DTLS over UDP; -Protocol may then name only Dtls10 and Dtls12. Start a second server for TLS.", Protocol));
        }

        return PskParameters.Collect(this, Psk, PskIdentity, Bound(nameof(PskIdentity)), PskTable);
    }
}
