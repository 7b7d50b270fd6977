using Org.BouncyCastle.Pkix;
using Org.BouncyCastle.Security.Certificates;

namespace TlsServer.Engine.Verification;

/// <summary>Reads BouncyCastle's PKIX failure (its exception type and words, pinned to BouncyCastle 2.7.0) as an OpenSSL code.</summary>
internal static class PathFailure
{
    public static int Code(PkixCertPathValidatorException e)
    {
        string m = e.Message ?? string.Empty;
        bool Has(string text) => m.Contains(text, StringComparison.OrdinalIgnoreCase);
        return e.InnerException switch
        {
            CertificateExpiredException => VerifyError.CertHasExpired,
            CertificateNotYetValidException => VerifyError.CertNotYetValid,
            _ when Has("Certificate revocation after") => VerifyError.CertRevoked,
            _ when Has("certificate signature") || Has("TrustAnchor found but certificate validation failed") => VerifyError.CertSignatureFailure,
            _ when Has("Cannot verify CRL") || Has("Cannot verify delta CRL") => VerifyError.CrlSignatureFailure,
            _ when Has("CRL") || Has("status could not be determined") => VerifyError.UnableToGetCrl,
            _ when Has("Not a CA certificate") || Has("lacks BasicConstraints") => VerifyError.InvalidCa,
            _ when Has("path length") => VerifyError.PathLengthExceeded,
            _ when Has("keyusage") => VerifyError.KeyUsageNoCertSign,
            _ when Has("critical extension") => VerifyError.UnhandledCriticalExtension,
            _ when Has("explicit policy") || Has("policy tree") || Has("failed on policy") => VerifyError.NoExplicitPolicy,
            _ when Has("policy") => VerifyError.InvalidPolicyExtension,
            _ when Has("Subtree check") => VerifyError.PermittedViolation,
            _ => VerifyError.Unspecified,
        };
    }
}
