using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls;
using TlsServer.Engine.Credentials;
using TlsServer.Engine.Engines.BouncyCastle.Crypto;
using TlsServer.Engine.Registry;
using TlsServer.Engine.Verification;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>The TLS settings of a running server, frozen at start and shared by its connections.</summary>
internal sealed class TlsConfiguration
{
    private readonly Dictionary<ServerCredential, (Certificate Tls12, Certificate Tls13)> _chains = new();
    private readonly Dictionary<ServerCredential, ServerSigners> _signers = new();

    public TlsConfiguration(ServerConfig config)
    {
        Crypto = new DotNetTlsCrypto();
        var p = config.Protocol;
        DefaultCredentials = config.Credentials.Default;
        ServerNameCredentials = config.Credentials.ByName;
        ServerNameFatal = config.Credentials.ServerNameFatal;
        ServerPreference = p.ServerPreference;
        MaxHandshakeMessageSize = p.MaxHandshakeMessageSize ?? ServerLimits.MaxHandshakeMessageSize.Default;
        ExtendedMasterSecret = p.ExtendedMasterSecret;
        AllowLegacyResumption = config.Resumption.AllowLegacyResumption;
        EncryptThenMac = p.EncryptThenMac;
        RecordLayer = RecordLayerSettings.From(p.RecordLayer);
        HandshakeTimeoutMillis = (int)config.Limits.HandshakeTimeout.TotalMilliseconds;
        Psk = config.Credentials.Psk;
        Srp = config.Credentials.Srp is { } srp ? new SrpIdentities(srp) : null;
        Protocols = p.Versions;
        Versions = BcVersions.ToBc(Protocols);
        Groups = p.Groups?.ToArray() ?? DefaultGroups.All;
        DhGroup = p.Dh is { } dh ? new DHGroup(dh.P, null, dh.G, dh.L) : null;
        SignatureAlgorithms = p.SignatureSchemes?.Select(Scheme).ToArray();
        Sha1Signatures = p.Sha1Signatures;
        ClientSignatureAlgorithms = p.ClientSignatureSchemes?.Select(Scheme).ToArray();
        CipherSuites = p.CipherSuites.ToArray();
        ClientAuthentication = config.ClientAuth.Handshake;
        Extensions = config.Extensions;
        Alpn = config.Extensions.Alpn?.Select(ProtocolName.AsUtf8Encoding).ToList();
        foreach (var c in config.Credentials.All.SelectMany(s => s.Credentials))
        {
            var chain = c.Chain.Select(x => Crypto.CreateCertificate(x.GetEncoded())).ToArray();
            _signers[c] = new ServerSigners(Crypto, c);
            _chains[c] = (new Certificate(chain),
                new Certificate(Array.Empty<byte>(), chain.Select(x => new CertificateEntry(x, null)).ToArray()));
        }

        Credential = DefaultCredentials?.Credentials[0];
        if (Credential is not null)
        {
            (CertificateChain12, CertificateChain13) = _chains[Credential];
        }
    }

    public DotNetTlsCrypto Crypto { get; }

    /// <summary>Null when the server asks for no client certificate.</summary>
    public ClientAuthentication? ClientAuthentication { get; }

    /// <summary>The main credential; null with -NoCertificate.</summary>
    public ServerCredential? Credential { get; }

    /// <summary>The credentials a client gets when its SNI matches no entry (main and additional); null with -NoCertificate.</summary>
    public CredentialSet? DefaultCredentials { get; }

    public IReadOnlyList<CredentialSet> ServerNameCredentials { get; }

    public bool ServerNameFatal { get; }

    public bool ServerPreference { get; }

    /// <summary>Whether the extended master secret (RFC 7627) and encrypt-then-MAC (RFC 7366) may be negotiated.</summary>
    public bool ExtendedMasterSecret { get; }

    public bool EncryptThenMac { get; }

    /// <summary>Resume sessions made without the extended master secret (RFC 7627 5.3 recommends refusing).</summary>
    public bool AllowLegacyResumption { get; }

    public RecordLayerSettings RecordLayer { get; }

    public IReadOnlyList<TlsProtocol> Protocols { get; }

    public ProtocolVersion[] Versions { get; }

    public int MaxHandshakeMessageSize { get; }

    public int[] CipherSuites { get; }

    /// <summary>DTLS: BouncyCastle's whole-handshake timeout; 0 for none.</summary>
    public int HandshakeTimeoutMillis { get; }

    /// <summary>Pre-shared keys (-Psk), or null.</summary>
    public PreSharedKeys? Psk { get; }

    /// <summary>SRP users (-SrpVerifierPath), or null.</summary>
    public SrpIdentities? Srp { get; }

    /// <summary>Key exchange groups in the server's order.</summary>
    public int[] Groups { get; }

    /// <summary>Custom DH parameters for TLS 1.2 DHE (-DhParameterPath), or null for the named ffdhe groups.</summary>
    public DHGroup? DhGroup { get; }

    /// <summary>Schemes the server signs with (-SignatureAlgorithm), or null for any its key can make.</summary>
    public IReadOnlyList<SignatureAndHashAlgorithm>? SignatureAlgorithms { get; }

    /// <summary>Whether TLS 1.2 signatures may use SHA-1 (see <see cref="SecurityLevel.AllowsSha1Signatures"/>).</summary>
    public bool Sha1Signatures { get; }

    /// <summary>Schemes to ask of client certificates in a CertificateRequest (-ClientSignatureAlgorithm), or null for the default.</summary>
    public IReadOnlyList<SignatureAndHashAlgorithm>? ClientSignatureAlgorithms { get; }

    /// <summary>TLS 1.3 certificates carry a request context and per-entry extensions; older ones do not.</summary>
    public Certificate? CertificateChain12 { get; }

    public Certificate? CertificateChain13 { get; }

    /// <summary>Makes the handshake signer for a credential: .NET's RSA/ECDsa where it can, BouncyCastle otherwise.</summary>
    public ServerSigners SignersFor(ServerCredential credential) => _signers[credential];

    public Certificate ChainFor(ServerCredential credential, bool tls13) =>
        tls13 ? _chains[credential].Tls13 : _chains[credential].Tls12;

    /// <summary>ALPN, OCSP stapling, serverinfo, keying material.</summary>
    public Config.ExtensionConfig Extensions { get; }

    /// <summary>The ALPN protocols to offer, as BouncyCastle takes them; null without -Alpn.</summary>
    public IList<ProtocolName>? Alpn { get; }

    /// <summary>A scheme's code point as BouncyCastle's pair: the hash in the high byte, the signature in the low byte.</summary>
    private static SignatureAndHashAlgorithm Scheme(int code) => SignatureAndHashAlgorithm.GetInstance((short)(code >> 8), (short)(code & 0xFF));
}
