using System.Security.Cryptography.X509Certificates;
using TlsServer.Engine.Verification;

namespace TlsServer.Engine.Config;

/// <summary>
/// Client certificates: whether the handshake asks for one, the policy that judges it, and the policy for one asked
/// for after the handshake (the System engine's Invoke-TlsRenegotiation -RequestClientCertificate).
/// </summary>
internal sealed class ClientAuthConfig
{
    private readonly Lazy<ClientAuthentication> _laterRequest;

    /// <param name="trust">The trust store, loaded at start when a certificate is asked for or trust was named; else null.</param>
    public ClientAuthConfig(ClientCertificateMode mode, ClientVerifyConfig verify, TrustStore? trust)
    {
        Mode = mode;
        Verify = verify;
        Handshake = mode == ClientCertificateMode.None ? null : new ClientAuthentication(mode, verify, trust!);
        CAFileCertificates = trust?.CAFileCertificates.Select(c => new X509Certificate2(c.GetEncoded())).ToArray() ?? Array.Empty<X509Certificate2>();
        // With nothing named, OpenSSL's default locations are read only when a later request needs them.
        _laterRequest = new Lazy<ClientAuthentication>(() =>
            Handshake ?? new ClientAuthentication(ClientCertificateMode.None, verify, trust ?? TrustStore.Load(verify)));
    }

    public ClientCertificateMode Mode { get; }

    public ClientVerifyConfig Verify { get; }

    /// <summary>The policy of the handshake; null when no client certificate is asked for in it.</summary>
    public ClientAuthentication? Handshake { get; }

    /// <summary>The certificates of -CAFile, whose subjects the CertificateRequest names (as s_server does).</summary>
    public IReadOnlyList<X509Certificate2> CAFileCertificates { get; }

    /// <summary>The policy for a certificate asked for after the handshake.</summary>
    public ClientAuthentication LaterRequest => _laterRequest.Value;
}
