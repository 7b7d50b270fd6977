namespace TlsServer.Engine.Registry;

/// <summary>TLS AlertDescription values (IANA's registry; RFC 8446 6, RFC 5246 7.2) and their names.</summary>
internal static class AlertCodes
{
    public const int CloseNotify = 0;
    public const int InternalError = 80;
    public const int HandshakeFailure = 40;
    public const int BadCertificate = 42;
    public const int UnsupportedCertificate = 43;
    public const int CertificateRevoked = 44;
    public const int CertificateExpired = 45;
    public const int CertificateUnknown = 46;
    public const int UnknownCa = 48;
    public const int DecryptError = 51;
    public const int UserCanceled = 90;
    public const int CertificateRequired = 116;

    /// <summary>Every named code, in code order.</summary>
    public static readonly IReadOnlyList<(int Code, string Name)> All = new (int, string)[]
    {
        (CloseNotify, "close_notify"),
        (10, "unexpected_message"),
        (20, "bad_record_mac"),
        (21, "decryption_failed"),
        (22, "record_overflow"),
        (30, "decompression_failure"),
        (HandshakeFailure, "handshake_failure"),
        (41, "no_certificate"),
        (BadCertificate, "bad_certificate"),
        (UnsupportedCertificate, "unsupported_certificate"),
        (CertificateRevoked, "certificate_revoked"),
        (CertificateExpired, "certificate_expired"),
        (CertificateUnknown, "certificate_unknown"),
        (47, "illegal_parameter"),
        (UnknownCa, "unknown_ca"),
        (49, "access_denied"),
        (50, "decode_error"),
        (DecryptError, "decrypt_error"),
        (60, "export_restriction"),
        (70, "protocol_version"),
        (71, "insufficient_security"),
        (InternalError, "internal_error"),
        (86, "inappropriate_fallback"),
        (UserCanceled, "user_canceled"),
        (100, "no_renegotiation"),
        (109, "missing_extension"),
        (110, "unsupported_extension"),
        (111, "certificate_unobtainable"),
        (112, "unrecognized_name"),
        (113, "bad_certificate_status_response"),
        (114, "bad_certificate_hash_value"),
        (115, "unknown_psk_identity"),
        (CertificateRequired, "certificate_required"),
        (120, "no_application_protocol"),
    };

    private static readonly Dictionary<int, string> Names = All.ToDictionary(a => a.Code, a => a.Name);

    /// <summary>The registry's name, or null for a code it does not name.</summary>
    public static string? Name(int code) => Names.GetValueOrDefault(code);
}
