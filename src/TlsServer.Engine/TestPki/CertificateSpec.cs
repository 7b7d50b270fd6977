using System.Security.Cryptography.X509Certificates;

namespace TlsServer.Engine.Pki;

/// <summary>What <see cref="TestCertificates.Create"/> makes. Unset times and names get sensible defaults.</summary>
public sealed class CertificateSpec
{
    /// <summary>A distinguished name ("CN=localhost, O=Test") or just a common name.</summary>
    public string? Subject { get; init; }

    public CertificateType Type { get; init; } = CertificateType.Server;

    public CertificateKeyAlgorithm KeyAlgorithm { get; init; } = CertificateKeyAlgorithm.EcdsaP256;

    public IReadOnlyList<string> DnsNames { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> IPAddresses { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> Emails { get; init; } = Array.Empty<string>();

    /// <summary>No subjectAltName at all, even the default one a server certificate gets from its common name.</summary>
    public bool NoSubjectAlternativeName { get; init; }

    /// <summary>EKU names (ServerAuth, ClientAuth, CodeSigning, EmailProtection, TimeStamping, OcspSigning, Any) or OIDs; replaces the type's default.</summary>
    public IReadOnlyList<string>? ExtendedKeyUsages { get; init; }

    public DateTimeOffset? NotBefore { get; init; }

    public DateTimeOffset? NotAfter { get; init; }

    /// <summary>The issuing CA, with its private key; null makes a self-signed certificate.</summary>
    public X509Certificate2? Signer { get; init; }

    /// <summary>A CA's pathLenConstraint.</summary>
    public int? PathLength { get; init; }

    /// <summary>Record the certificate as revoked by its signer, for the signer's next CRL.</summary>
    public bool Revoked { get; init; }
}
