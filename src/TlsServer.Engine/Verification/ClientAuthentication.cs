using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using TlsServer.Engine.Runtime;

namespace TlsServer.Engine.Verification;

/// <summary>
/// A server's frozen client-certificate policy: whether a certificate is asked for or required, the CAs the request
/// names, and what happens to the chain a client sends (verified, recorded on the session, and either accepted or
/// refused with OpenSSL's alert). Each engine turns it into its own request (BouncyCastle: ClientCertificates).
/// </summary>
internal sealed class ClientAuthentication
{
    private readonly ClientCertificateVerifier _verifier;

    public ClientAuthentication(ClientCertificateMode mode, Config.ClientVerifyConfig verify, TrustStore trust)
    {
        Mode = mode;
        ReturnError = verify.VerifyReturnError;
        _verifier = new ClientCertificateVerifier(verify, trust);
        CANames = trust.CANames.Count > 0 ? trust.CANames.ToList() : null;
    }

    public ClientCertificateMode Mode { get; }

    public bool ReturnError { get; }

    /// <summary>The trusted CAs' names the server lists in its request, or null when it has none.</summary>
    public IList<X509Name>? CANames { get; }

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

    /// <summary>Verifies the chain the client sent (leaf first, DER) and records it and the result on the session.</summary>
    public CertificateVerifyResult VerifyAndRecord(IEnumerable<byte[]> encoded, SessionRecord record)
    {
        var der = encoded.ToList();
        var parser = new X509CertificateParser();
        var result = _verifier.Verify(der.Select(d => parser.ReadCertificate(d)).ToList());
        record.SetClientCertificate(der.Select(d => new System.Security.Cryptography.X509Certificates.X509Certificate2(d)).ToArray(), result);
        return result;
    }
}
