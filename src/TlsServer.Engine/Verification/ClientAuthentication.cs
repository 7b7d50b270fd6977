using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.X509;
using TlsServer.Engine.Sessions;

namespace TlsServer.Engine.Verification;

/// <summary>
/// A server's frozen client-certificate policy: what the CertificateRequest says, and what happens to the chain a
/// client sends (verified, recorded on the session, and either accepted or refused with OpenSSL's alert).
/// </summary>
internal sealed class ClientAuthentication
{
    private readonly ClientCertificateVerifier _verifier;
    private readonly IList<X509Name>? _caNames;

    public ClientAuthentication(ClientCertificateMode mode, Config.ClientVerifyConfig verify, TrustStore trust)
    {
        Mode = mode;
        ReturnError = verify.VerifyReturnError;
        _verifier = new ClientCertificateVerifier(verify, trust);
        _caNames = trust.CANames.Count > 0 ? trust.CANames.ToList() : null;
    }

    public ClientCertificateMode Mode { get; }

    public bool ReturnError { get; }

    /// <param name="requested">The schemes to ask of the client's certificate (-ClientSignatureAlgorithm), or null for BouncyCastle's default.</param>
    public CertificateRequest CreateRequest(TlsContext context, IReadOnlyList<SignatureAndHashAlgorithm>? requested)
    {
        var signatureAlgorithms = !TlsUtilities.IsSignatureAlgorithmsExtensionAllowed(context.ServerVersion) ? null
            : requested is not null ? requested.ToList()
            : TlsUtilities.GetDefaultSupportedSignatureAlgorithms(context);
        if (TlsUtilities.IsTlsV13(context))
        {
            return new CertificateRequest(TlsUtilities.EmptyBytes, signatureAlgorithms, null, _caNames);
        }

        short[] types = { ClientCertificateType.rsa_sign, ClientCertificateType.ecdsa_sign, ClientCertificateType.dss_sign };
        return new CertificateRequest(types, signatureAlgorithms, _caNames);
    }

    /// <exception cref="TlsFatalAlert">When the certificate is required and missing, or fails with -VerifyReturnError.</exception>
    public void OnClientCertificate(TlsContext context, Certificate certificate, SessionRecord record)
    {
        if (certificate.IsEmpty)
        {
            if (Mode == ClientCertificateMode.Require)
            {
                short alert = TlsUtilities.IsTlsV13(context) ? AlertDescription.certificate_required : AlertDescription.handshake_failure;
                throw new TlsFatalAlert(alert, "the client sent no certificate and one is required");
            }

            return;
        }

        var result = VerifyAndRecord(certificate.GetCertificateList().Select(c => c.GetEncoded()), record);
        if (!result.IsValid && ReturnError)
        {
            throw new TlsFatalAlert(VerifyError.Alert(result.ErrorCode), $"client certificate verification failed: {result}");
        }
    }

    /// <summary>
    /// The System engine's way in: the chain the client sent (leaf first, DER), verified and recorded on the session.
    /// Returns whether the handshake may go on; <paramref name="required"/> refuses a client without a certificate.
    /// </summary>
    public bool Accept(IReadOnlyList<byte[]> chain, bool required, SessionRecord record)
    {
        if (chain.Count == 0)
        {
            return !required;
        }

        return VerifyAndRecord(chain, record).IsValid || !ReturnError;
    }

    private CertificateVerifyResult VerifyAndRecord(IEnumerable<byte[]> encoded, SessionRecord record)
    {
        var der = encoded.ToList();
        var parser = new X509CertificateParser();
        var result = _verifier.Verify(der.Select(d => parser.ReadCertificate(d)).ToList());
        record.SetClientCertificate(der.Select(d => new System.Security.Cryptography.X509Certificates.X509Certificate2(d)).ToArray(), result);
        return result;
    }
}
