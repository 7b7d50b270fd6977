using System.Security.Cryptography.X509Certificates;

namespace TlsServer.Engine;

/// <summary>
/// A certificate a session saw, as facts that read and serialize well (ConvertTo-Json writes them whole):
/// names, thumbprint, validity and the PEM. <see cref="ToX509Certificate2"/> gives the .NET object.
/// </summary>
public sealed class TlsCertificate
{
    private readonly X509Certificate2 _certificate;
    private string? _pem;

    internal TlsCertificate(X509Certificate2 certificate) => _certificate = certificate;

    public string Subject => _certificate.Subject;

    public string Issuer => _certificate.Issuer;

    /// <summary>The SHA-1 thumbprint as uppercase hex, as Windows and X509Certificate2 show it.</summary>
    public string Thumbprint => _certificate.Thumbprint;

    /// <summary>The serial number as uppercase hex.</summary>
    public string SerialNumber => _certificate.SerialNumber;

    public DateTime NotBefore => _certificate.NotBefore;

    public DateTime NotAfter => _certificate.NotAfter;

    /// <summary>The certificate in PEM (BEGIN CERTIFICATE), as openssl x509 writes it.</summary>
    public string Pem => _pem ??= _certificate.ExportCertificatePem();

    /// <summary>The certificate as a .NET object (public part only), for its extensions, key and chain building.</summary>
    public X509Certificate2 ToX509Certificate2() => new(_certificate.RawData);

    public override string ToString() => Subject;

    internal static TlsCertificate? From(X509Certificate2? certificate) => certificate is null ? null : new TlsCertificate(certificate);

    internal static IReadOnlyList<TlsCertificate> From(IEnumerable<X509Certificate2> certificates) =>
        certificates.Select(c => new TlsCertificate(c)).ToArray();
}
