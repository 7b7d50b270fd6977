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

    protected override void ProcessRecord()
    {
        try
        {
            var suites = TlsCipherSuite.Expand(Cipher, ListParameter.CipherSuite.Split(this, CipherSuite), out var warning);
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
