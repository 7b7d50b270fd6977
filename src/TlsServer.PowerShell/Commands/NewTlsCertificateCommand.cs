using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using TlsServer.Engine;
using TlsServer.Engine.Pki;

namespace TlsServer.PowerShell.Commands;

/// <summary>Makes test certificates: self-signed, CA, intermediate, server and client, good or deliberately bad.</summary>
[Cmdlet(VerbsCommon.New, "TlsCertificate", SupportsShouldProcess = true)]
[OutputType(typeof(X509Certificate2))]
public sealed class NewTlsCertificateCommand : PSCmdlet
{
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Subject { get; set; }

    [Parameter]
    public CertificateType Type { get; set; } = CertificateType.Server;

    [Parameter]
    public CertificateKeyAlgorithm KeyAlgorithm { get; set; } = CertificateKeyAlgorithm.EcdsaP256;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? DnsName { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? IPAddress { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Email { get; set; }

    [Parameter]
    public SwitchParameter NoSubjectAlternativeName { get; set; }

    [Parameter]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(Completion.KeyPurposeCompleter))]
    public string[]? ExtendedKeyUsage { get; set; }

    [Parameter]
    public DateTime NotBefore { get; set; }

    [Parameter]
    public DateTime NotAfter { get; set; }

    [Parameter]
    [ValidateNotNull]
    public X509Certificate2? Signer { get; set; }

    [Parameter]
    [ValidateRange(0, 100)]
    public int PathLength { get; set; }

    [Parameter]
    public SwitchParameter Revoked { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KeyPath { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PfxPath { get; set; }

    [Parameter]
    public SecureString? Password { get; set; }

    protected override void EndProcessing()
    {
        var bound = MyInvocation.BoundParameters;
        X509Certificate2 certificate;
        try
        {
            certificate = TestCertificates.Create(new CertificateSpec
            {
                Subject = Subject,
                Type = Type,
                KeyAlgorithm = KeyAlgorithm,
                DnsNames = DnsName ?? Array.Empty<string>(),
                IPAddresses = IPAddress ?? Array.Empty<string>(),
                Emails = Email ?? Array.Empty<string>(),
                NoSubjectAlternativeName = NoSubjectAlternativeName,
                ExtendedKeyUsages = ExtendedKeyUsage,
                NotBefore = bound.ContainsKey(nameof(NotBefore)) ? new DateTimeOffset(NotBefore) : null,
                NotAfter = bound.ContainsKey(nameof(NotAfter)) ? new DateTimeOffset(NotAfter) : null,
                Signer = Signer,
                PathLength = bound.ContainsKey(nameof(PathLength)) ? PathLength : null,
                Revoked = Revoked,
            });
            WriteFiles(certificate);
        }
        catch (TlsServerException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e));
            return;
        }

        WriteObject(certificate);
    }

    private void WriteFiles(X509Certificate2 certificate)
    {
        char[]? password = Password is null ? null : SecureStrings.ToChars(Password);
        try
        {
            if (Resolve(Path) is { } path && ShouldProcess(path, "Write certificate (PEM)"))
            {
                CertificateFiles.WriteCertificatePem(new[] { certificate }, path);
            }

            if (Resolve(KeyPath) is { } keyPath && ShouldProcess(keyPath, "Write private key (PEM)"))
            {
                CertificateFiles.WritePrivateKeyPem(certificate, keyPath, password);
            }

            if (Resolve(PfxPath) is { } pfxPath && ShouldProcess(pfxPath, "Write PKCS#12 file"))
            {
                CertificateFiles.WritePfx(certificate, Signer is null ? Array.Empty<X509Certificate2>() : new[] { Signer }, pfxPath, password);
            }
        }
        finally
        {
            if (password is not null)
            {
                Array.Clear(password);
            }
        }
    }

    private string? Resolve(string? path) => path is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
}
