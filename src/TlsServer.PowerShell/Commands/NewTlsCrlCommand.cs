using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;
using TlsServer.Engine;
using TlsServer.Engine.Pki;

namespace TlsServer.PowerShell.Commands;

/// <summary>Writes the CRL of a test CA: the certificates made under it with -Revoked, and any others given.</summary>
[Cmdlet(VerbsCommon.New, "TlsCrl", SupportsShouldProcess = true)]
[OutputType(typeof(CertificateRevocationList))]
public sealed class NewTlsCrlCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public X509Certificate2? Signer { get; set; }

    [Parameter]
    [ValidateNotNull]
    public X509Certificate2[]? Certificate { get; set; }

    [Parameter]
    public DateTime NextUpdate { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    [Parameter]
    [ValidateSet("Pem", "Der")]
    public string Format { get; set; } = "Pem";

    protected override void ProcessRecord()
    {
        try
        {
            var crl = CertificateRevocationList.Create(Signer!, Certificate ?? Array.Empty<X509Certificate2>(),
                MyInvocation.BoundParameters.ContainsKey(nameof(NextUpdate)) ? new DateTimeOffset(NextUpdate) : null);
            if (Path is not null)
            {
                string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
                if (ShouldProcess(path, "Write CRL"))
                {
                    crl.Save(path, der: Format == "Der");
                }
            }

            WriteObject(crl);
        }
        catch (TlsServerException e)
        {
            WriteError(ErrorRecords.From(e));
        }
    }
}
