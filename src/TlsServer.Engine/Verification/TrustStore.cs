using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using TlsServer.Engine.Credentials;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace TlsServer.Engine.Verification;

/// <summary>
/// The trusted certificates and CRLs of a server, loaded once at start from -CAFile, -CAPath (OpenSSL's hashed
/// layout), -CrlPath, or OpenSSL's default locations when neither file nor directory is given (as s_server).
/// </summary>
internal sealed partial class TrustStore
{
    private TrustStore(List<BcCertificate> trusted, List<X509Crl> crls, List<BcCertificate> caFile, bool partialChain)
    {
        var unique = trusted.GroupBy(c => Convert.ToHexString(c.GetEncoded())).Select(g => g.First()).ToList();
        Anchors = unique.Where(c => partialChain || IsSelfIssued(c)).ToList();
        Intermediates = unique.Except(Anchors).ToList();
        Crls = crls;
        CAFileCertificates = caFile;
        CANames = caFile.Select(c => c.SubjectDN).ToList();
    }

    /// <summary>Where a chain may end: self-signed roots, or every trusted certificate with partial_chain.</summary>
    public IReadOnlyList<BcCertificate> Anchors { get; }

    /// <summary>Trusted certificates that help build a chain but cannot end it.</summary>
    public IReadOnlyList<BcCertificate> Intermediates { get; }

    public IReadOnlyList<X509Crl> Crls { get; }

    /// <summary>The certificates of -CAFile: their subjects are sent in the CertificateRequest, as s_server does.</summary>
    public IReadOnlyList<BcCertificate> CAFileCertificates { get; }

    /// <summary>The subjects of the CAFile's certificates.</summary>
    public IReadOnlyList<X509Name> CANames { get; }

    public static bool IsSelfIssued(BcCertificate c) => c.IssuerDN.Equivalent(c.SubjectDN, true);

    public static TrustStore Load(Config.ClientVerifyConfig o)
    {
        var trusted = new List<BcCertificate>();
        var crls = new List<X509Crl>();
        var caFile = new List<BcCertificate>();
        if (o.CAFile is not null)
        {
            var bundle = PemBundle.Read(o.CAFile, CredentialFileKind.CAFile);
            trusted.AddRange(bundle.Certificates);
            crls.AddRange(bundle.Crls);
            caFile.AddRange(bundle.Certificates);
        }

        if (o.CAPath is not null)
        {
            if (!Directory.Exists(o.CAPath))
            {
                throw new TlsServerException(ErrorIds.CAPathNotFound, ErrorKind.ObjectNotFound,
                    $"The CA directory '{o.CAPath}' does not exist.", o.CAPath);
            }

            LoadHashedDirectory(o.CAPath, trusted, crls);
        }

        if (o.CAFile is null && o.CAPath is null)
        {
            LoadDefaults(o, trusted, crls);
        }

        foreach (string path in o.CrlPaths)
        {
            crls.AddRange(PemBundle.Read(path, CredentialFileKind.Crl).Crls);
        }

        return new TrustStore(trusted, crls, caFile, o.Verify.PartialChain);
    }

    private static void LoadHashedDirectory(string directory, List<BcCertificate> trusted, List<X509Crl> crls)
    {
        foreach (string path in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            var match = HashedName().Match(Path.GetFileName(path));
            if (!match.Success)
            {
                continue;
            }

            bool isCrl = match.Groups[1].Value == "r";
            var bundle = PemBundle.Read(path, isCrl ? CredentialFileKind.Crl : CredentialFileKind.CAPathFile);
            trusted.AddRange(isCrl ? Array.Empty<BcCertificate>() : bundle.Certificates);
            crls.AddRange(bundle.Crls);
        }
    }

    /// <summary>OpenSSL's defaults: SSL_CERT_FILE and SSL_CERT_DIR, else the system bundle; the Root store on Windows.</summary>
    private static void LoadDefaults(Config.ClientVerifyConfig o, List<BcCertificate> trusted, List<X509Crl> crls)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            if (!o.NoCAFile || !o.NoCAPath)
            {
                using var store = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
                var parser = new X509CertificateParser();
                trusted.AddRange(store.Certificates.Select(c => parser.ReadCertificate(c.RawData)));
            }

            return;
        }

        if (!o.NoCAFile)
        {
            string? file = Environment.GetEnvironmentVariable("SSL_CERT_FILE") is { Length: > 0 } env ? env
                : DefaultFiles.FirstOrDefault(File.Exists);
            if (file is not null && File.Exists(file))
            {
                var bundle = PemBundle.Read(file, CredentialFileKind.CAFile);
                trusted.AddRange(bundle.Certificates);
                crls.AddRange(bundle.Crls);
            }
        }

        if (!o.NoCAPath)
        {
            string dir = Environment.GetEnvironmentVariable("SSL_CERT_DIR") is { Length: > 0 } env ? env : "/etc/ssl/certs";
            if (Directory.Exists(dir))
            {
                LoadHashedDirectory(dir, trusted, crls);
            }
        }
    }

    private static readonly string[] DefaultFiles =
    {
        "/usr/lib/ssl/cert.pem", "/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem",
    };

    [GeneratedRegex("^[0-9a-f]{8}\\.(r?)[0-9]+$")]
    private static partial Regex HashedName();
}
