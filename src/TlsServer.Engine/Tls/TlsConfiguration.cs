using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using TlsServer.Engine.Credentials;

namespace TlsServer.Engine.Tls;

/// <summary>The TLS settings of a running server, frozen at start and shared by its connections.</summary>
internal sealed class TlsConfiguration
{
    public TlsConfiguration(IReadOnlyList<TlsProtocol> protocols, ServerCredential credential)
    {
        Crypto = new BcTlsCrypto(new SecureRandom());
        Credential = credential;
        Versions = ProtocolVersions.ToBc(protocols);
        CipherSuites = TlsUtilities.GetSupportedCipherSuites(Crypto,
            DefaultCipherSuites.All.Where(s => KeyExchangeFit.Fits(s, credential.KeyType)).ToArray());
        var chain = credential.Chain.Select(c => Crypto.CreateCertificate(c.GetEncoded())).ToArray();
        CertificateChain12 = new Certificate(chain);
        CertificateChain13 = new Certificate(Array.Empty<byte>(),
            chain.Select(c => new CertificateEntry(c, null)).ToArray());
    }

    public BcTlsCrypto Crypto { get; }

    public ServerCredential Credential { get; }

    public ProtocolVersion[] Versions { get; }

    /// <summary>The groups the server accepts, in its order of preference, for TLS 1.2 (EC)DHE and TLS 1.3 key shares.</summary>
    public int[] Groups { get; init; } = DefaultGroups.All;

    public int MaxHandshakeMessageSize { get; init; } = ServerOptions.DefaultMaxHandshakeMessageSize;

    public int[] CipherSuites { get; }

    /// <summary>DTLS: BouncyCastle's whole-handshake timeout; 0 for none.</summary>
    public int HandshakeTimeoutMillis { get; init; }

    /// <summary>Pre-shared keys (-Psk), or null.</summary>
    public Psk.PreSharedKeys? Psk { get; init; }

    /// <summary>SRP users (-SrpVerifierPath), or null.</summary>
    public Srp.SrpVerifierFile? Srp { get; init; }

    /// <summary>TLS 1.3 certificates carry a request context and per-entry extensions; older ones do not.</summary>
    public Certificate CertificateChain12 { get; }

    public Certificate CertificateChain13 { get; }
}
