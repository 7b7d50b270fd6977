using Org.BouncyCastle.Tls;
using TlsServer.Engine.Runtime;
using TlsServer.Engine.Verification;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>The client-certificate policy on BouncyCastle: its CertificateRequest, and the chain a client sends, refused with OpenSSL's alert.</summary>
internal static class ClientCertificates
{
    /// <param name="requested">The schemes to ask of the client's certificate (-ClientSignatureAlgorithm), or null for BouncyCastle's default.</param>
    public static CertificateRequest CreateRequest(this ClientAuthentication auth, TlsContext context, IReadOnlyList<SignatureAndHashAlgorithm>? requested)
    {
        var signatureAlgorithms = !TlsUtilities.IsSignatureAlgorithmsExtensionAllowed(context.ServerVersion) ? null
            : requested is not null ? requested.ToList()
            : TlsUtilities.GetDefaultSupportedSignatureAlgorithms(context);
        if (TlsUtilities.IsTlsV13(context))
        {
            return new CertificateRequest(TlsUtilities.EmptyBytes, signatureAlgorithms, null, auth.CANames);
        }

        short[] types = { ClientCertificateType.rsa_sign, ClientCertificateType.ecdsa_sign, ClientCertificateType.dss_sign };
        return new CertificateRequest(types, signatureAlgorithms, auth.CANames);
    }

    /// <exception cref="TlsFatalAlert">When the certificate is required and missing, or fails with -VerifyReturnError.</exception>
    public static void OnClientCertificate(this ClientAuthentication auth, TlsContext context, Certificate certificate, SessionRecord record)
    {
        if (certificate.IsEmpty)
        {
            if (auth.Mode == ClientCertificateMode.Require)
            {
                short alert = TlsUtilities.IsTlsV13(context) ? AlertDescription.certificate_required : AlertDescription.handshake_failure;
                throw new TlsFatalAlert(alert, "the client sent no certificate and one is required");
            }

            return;
        }

        var result = auth.VerifyAndRecord(certificate.GetCertificateList().Select(c => c.GetEncoded()), record);
        if (!result.IsValid && auth.ReturnError)
        {
            throw new TlsFatalAlert(VerifyError.Alert(result.ErrorCode), $"client certificate verification failed: {result}");
        }
    }
}
