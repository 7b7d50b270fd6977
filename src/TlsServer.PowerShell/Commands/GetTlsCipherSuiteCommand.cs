using System.Management.Automation;
using TlsServer.Engine;
using TlsServer.PowerShell.Completion;

namespace TlsServer.PowerShell.Commands;

/// <summary>Expands an OpenSSL cipher string into cipher suites, like `openssl ciphers -v`.</summary>
[Cmdlet(VerbsCommon.Get, "TlsCipherSuite")]
[OutputType(typeof(TlsCipherSuite))]
public sealed class GetTlsCipherSuiteCommand : PSCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CipherStringCompleter))]
    public string? Cipher { get; set; }

    [Parameter]
    [AllowEmptyString]
    [AllowEmptyCollection]
    [ArgumentCompleter(typeof(Tls13CipherSuiteCompleter))]
    public string[]? CipherSuite { get; set; }

    /// <summary>As a server with -NoCertificate: anonymous suites (and PSK or SRP ones) only.</summary>
    [Parameter]
    public SwitchParameter NoCertificate { get; set; }

    /// <summary>As a server with -Psk: PSK suites can be served, and join the default.</summary>
    [Parameter]
    public SwitchParameter Psk { get; set; }

    /// <summary>As a server with -SrpVerifierPath: SRP suites can be served, and join the default.</summary>
    [Parameter]
    public SwitchParameter Srp { get; set; }

    /// <summary>As a server with -NoDhe.</summary>
    [Parameter]
    public SwitchParameter NoDhe { get; set; }

    /// <summary>The engine whose suites count, as Start-TlsServer -Engine.</summary>
    [Parameter]
    public TlsEngine Engine { get; set; } = TlsEngine.BouncyCastle;

    protected override void ProcessRecord()
    {
        try
        {
            var suites = TlsCipherSuite.Expand(Cipher, ListParameter.CipherSuite.Split(this, CipherSuite), out var warning,
                NoCertificate, Psk, Srp, NoDhe, Engine);
            if (warning is not null)
            {
                WriteWarning(warning);
            }

            foreach (var suite in suites)
            {
                WriteObject(suite);
            }
        }
        catch (TlsServerException e)
        {
            WriteError(ErrorRecords.From(e));
        }
    }
}
