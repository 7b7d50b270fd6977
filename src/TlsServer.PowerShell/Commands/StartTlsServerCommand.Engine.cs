using System.Management.Automation;
using TlsServer.Engine;

namespace TlsServer.PowerShell.Commands;

/// <summary>Start-TlsServer's choice of TLS stack.</summary>
public sealed partial class StartTlsServerCommand
{
    /// <summary>BouncyCastle (default) or System: the operating system's TLS through .NET's SslStream.</summary>
    [Parameter]
    public TlsEngine Engine { get; set; } = TlsEngine.BouncyCastle;
}
