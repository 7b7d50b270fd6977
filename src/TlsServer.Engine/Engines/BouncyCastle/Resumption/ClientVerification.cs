using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Tls;
using TlsServer.Engine.Runtime;

namespace TlsServer.Engine.Engines.BouncyCastle.Resumption;

/// <summary>
/// The client's chain and its verify result from the full handshake, kept with the session (cache entry or ticket)
/// so a resumed session reports them, as OpenSSL keeps verify_result in the SSL_SESSION.
/// </summary>
internal sealed record ClientVerification(IReadOnlyList<X509Certificate2> Chain, CertificateVerifyResult Result)
{
    /// <summary>What the record holds now; null when the client sent no certificate.</summary>
    public static ClientVerification? Of(SessionRecord record) =>
        record.ClientVerifyResult is { } result ? new ClientVerification(record.ClientCertificateChain, result) : null;

    public void ApplyTo(SessionRecord record) => record.SetClientCertificate(Chain, Result);
}

/// <summary>A resumable session with what its full handshake verified.</summary>
internal sealed record CachedSession(TlsSession Session, ClientVerification? Verification);
