using System.Security.Cryptography.X509Certificates;

namespace TlsServer.Engine;

/// <summary>
/// The outcome of verifying a client's certificate chain, in OpenSSL's terms: s_server's "verify return code"
/// (0 ok, 10 certificate has expired, 20 unable to get local issuer certificate …) and the depth it failed at.
/// </summary>
public sealed class CertificateVerifyResult
{
    internal CertificateVerifyResult(int errorCode, string errorText, int? errorDepth, X509Certificate2? errorCertificate,
        X509Certificate2? trustAnchor, IReadOnlyList<X509Certificate2> chain, string? detail, IReadOnlyList<string> policies)
    {
        ErrorCode = errorCode;
        ErrorText = errorText;
        ErrorDepth = errorDepth;
        ErrorCertificate = TlsCertificate.From(errorCertificate);
        Anchor = trustAnchor;
        TrustAnchor = TlsCertificate.From(trustAnchor);
        Chain = chain;
        VerifiedChain = chain.Select(c => c.Subject).ToArray();
        Detail = detail;
        Policies = policies;
    }

    /// <summary>True when the chain verified (error code 0).</summary>
    public bool IsValid => ErrorCode == 0;

    /// <summary>OpenSSL's X509_V_ERR code: 0 ok, 9 not yet valid, 10 expired, 20 unknown issuer, 23 revoked, 26 purpose …</summary>
    public int ErrorCode { get; }

    /// <summary>OpenSSL's text for the code, e.g. "certificate has expired".</summary>
    public string ErrorText { get; }

    /// <summary>Where in the chain verification failed: 0 is the client's certificate, 1 its issuer, and so on.</summary>
    public int? ErrorDepth { get; }

    /// <summary>The certificate at <see cref="ErrorDepth"/>.</summary>
    public TlsCertificate? ErrorCertificate { get; }

    /// <summary>The trusted CA certificate the chain ended at, when one was found.</summary>
    public TlsCertificate? TrustAnchor { get; }

    /// <summary>The subjects of the chain as built for verification, from the client's certificate to the trust anchor; <see cref="GetVerifiedChain"/> gives the certificates.</summary>
    public IReadOnlyList<string> VerifiedChain { get; }

    /// <summary>BouncyCastle's own words for a failure, when it gave any.</summary>
    public string? Detail { get; }

    /// <summary>The valid certificate policies (with policy_print).</summary>
    public IReadOnlyList<string> Policies { get; }

    internal IReadOnlyList<X509Certificate2> Chain { get; }

    internal X509Certificate2? Anchor { get; }

    /// <summary>The chain as built for verification, as certificates, from the client's certificate to the trust anchor.</summary>
    public IReadOnlyList<TlsCertificate> GetVerifiedChain() => TlsCertificate.From(Chain);

    public override string ToString() =>
        ErrorDepth is { } depth ? $"{ErrorCode} ({ErrorText}) at depth {depth}" : $"{ErrorCode} ({ErrorText})";
}
