using TlsServer.Engine.Registry;

namespace TlsServer.Engine.Verification;

/// <summary>OpenSSL's X509_V_ERR codes and texts, and the alert OpenSSL sends for each (ssl_x509err2alert).</summary>
internal static class VerifyError
{
    public const int Ok = 0;
    public const int Unspecified = 1;
    public const int UnableToGetCrl = 3;
    public const int CertSignatureFailure = 7;
    public const int CrlSignatureFailure = 8;
    public const int CertNotYetValid = 9;
    public const int CertHasExpired = 10;
    public const int CrlNotYetValid = 11;
    public const int CrlHasExpired = 12;
    public const int DepthZeroSelfSigned = 18;
    public const int SelfSignedInChain = 19;
    public const int UnableToGetIssuerLocally = 20;
    public const int ChainTooLong = 22;
    public const int CertRevoked = 23;
    public const int InvalidCa = 24;
    public const int PathLengthExceeded = 25;
    public const int InvalidPurpose = 26;
    public const int KeyUsageNoCertSign = 32;
    public const int UnhandledCriticalExtension = 34;
    public const int InvalidPolicyExtension = 42;
    public const int NoExplicitPolicy = 43;
    public const int PermittedViolation = 47;
    public const int HostnameMismatch = 62;
    public const int EmailMismatch = 63;
    public const int IPAddressMismatch = 64;
    public const int EeKeyTooSmall = 66;
    public const int CaKeyTooSmall = 67;

    private static readonly Dictionary<int, string> Texts = new()
    {
        [Ok] = "ok",
        [Unspecified] = "unspecified certificate verification error",
        [UnableToGetCrl] = "unable to get certificate CRL",
        [CertSignatureFailure] = "certificate signature failure",
        [CrlSignatureFailure] = "CRL signature failure",
        [CertNotYetValid] = "certificate is not yet valid",
        [CertHasExpired] = "certificate has expired",
        [CrlNotYetValid] = "CRL is not yet valid",
        [CrlHasExpired] = "CRL has expired",
        [DepthZeroSelfSigned] = "self-signed certificate",
        [SelfSignedInChain] = "self-signed certificate in certificate chain",
        [UnableToGetIssuerLocally] = "unable to get local issuer certificate",
        [ChainTooLong] = "certificate chain too long",
        [CertRevoked] = "certificate revoked",
        [InvalidCa] = "invalid CA certificate",
        [PathLengthExceeded] = "path length constraint exceeded",
        [InvalidPurpose] = "unsupported certificate purpose",
        [KeyUsageNoCertSign] = "key usage does not include certificate signing",
        [UnhandledCriticalExtension] = "unhandled critical extension",
        [InvalidPolicyExtension] = "invalid or inconsistent certificate policy extension",
        [NoExplicitPolicy] = "no explicit policy",
        [PermittedViolation] = "permitted subtree violation",
        [HostnameMismatch] = "hostname mismatch",
        [EmailMismatch] = "email address mismatch",
        [IPAddressMismatch] = "IP address mismatch",
        [EeKeyTooSmall] = "EE certificate key too weak",
        [CaKeyTooSmall] = "CA certificate key too weak",
    };

    public static string Text(int code) => Texts.TryGetValue(code, out var text) ? text : $"error number {code}";

    /// <summary>The alert a server sends when verification fails with this code (OpenSSL's table).</summary>
    public static short Alert(int code) => (short)(code switch
    {
        CertHasExpired or CrlHasExpired => AlertCodes.CertificateExpired,
        CertRevoked => AlertCodes.CertificateRevoked,
        CertSignatureFailure or CrlSignatureFailure => AlertCodes.DecryptError,
        InvalidPurpose => AlertCodes.UnsupportedCertificate,
        Unspecified => AlertCodes.InternalError,
        UnableToGetCrl or DepthZeroSelfSigned or SelfSignedInChain or UnableToGetIssuerLocally or ChainTooLong
            or InvalidCa or PathLengthExceeded => AlertCodes.UnknownCa,
        CertNotYetValid or CrlNotYetValid or HostnameMismatch or EmailMismatch or IPAddressMismatch or EeKeyTooSmall or CaKeyTooSmall
            => AlertCodes.BadCertificate,
        _ => AlertCodes.CertificateUnknown,
    });
}
