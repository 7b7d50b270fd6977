using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls;
using TlsServer.Engine.CipherSuites;
using TlsServer.Engine.Credentials;
using TlsServer.Engine.Engines.BouncyCastle.Resumption;
using TlsServer.Engine.Registry;
using TlsServer.Engine.Runtime;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>BouncyCastle's view of our server for one connection: what to offer, which key to sign with, and what happened.</summary>
internal sealed partial class ServerPeer : DefaultTlsServer
{
    private readonly TlsConfiguration _config;
    private readonly SessionRecord _record;
    private int _keyExchangeGroup = -1;
    private string? _customGroup;
    private CredentialSet? _credentials;
    private bool _serverNameMatched;
    private ServerCredential? _served;
    private bool? _secureRenegotiation;
    private SignatureAndHashAlgorithm? _scheme;

    /// <param name="crypto">The connection's crypto; the server's (<see cref="TlsConfiguration.Crypto"/>) when null.</param>
    public ServerPeer(TlsConfiguration config, SessionRecord record, TlsCrypto? crypto = null)
        : base(crypto ?? config.Crypto)
    {
        _config = config;
        _record = record;
        _credentials = config.DefaultCredentials;
        MaxHandshakeMessageSize = config.MaxHandshakeMessageSize;
    }

    /// <summary>BouncyCastle's limit for every handshake message; a connection that checks per message sets it higher.</summary>
    public int MaxHandshakeMessageSize { get; init; }

    /// <summary>When set, sent alerts wait here until the connection has sent them (<see cref="PublishSent"/>).</summary>
    public PendingAlerts? PendingAlerts { get; init; }

    /// <summary>Raised inside NotifyHandshakeComplete, on the connection's own thread, with what the handshake settled.</summary>
    public event Action<NegotiatedState>? HandshakeCompleted;

    /// <summary>TLS 1.2 session ids, tickets and the session cache for this connection.</summary>
    public required SessionResumption Resumption { get; init; }

    protected override ProtocolVersion[] GetSupportedVersions() => _config.Versions;

    protected override int[] GetSupportedCipherSuites() => _config.CipherSuites;

    public override int GetMaxHandshakeMessageSize() => MaxHandshakeMessageSize;

    protected override bool PreferLocalCipherSuites() => _config.ServerPreference;

    public override bool PreferLocalSupportedGroups() => _config.ServerPreference;

    public override bool ShouldUseExtendedMasterSecret() => _config.ExtendedMasterSecret;

    protected override bool AllowEncryptThenMac() => _config.EncryptThenMac;

    /// <summary>
    /// BouncyCastle asks this only when a client without the extended master secret resumes a session made without it; the
    /// refusal (RFC 7627 5.3) is raised here, so the session says why and what allows it.
    /// </summary>
    public override bool AllowLegacyResumption() => _config.AllowLegacyResumption
        ? true
        : throw new TlsFatalAlert(AlertDescription.handshake_failure, LegacyResumptionRefused);

    /// <summary>The session's words for a refused legacy resumption.</summary>
    public const string LegacyResumptionRefused =
        "The client resumed a session made without the extended master secret and offers none (RFC 7627 5.3); -AllowLegacyResumption allows it.";

    public override int[] GetSupportedGroups() => _config.Groups;

    /// <summary>SNI picks the credentials before the suite is chosen; BouncyCastle calls this first.</summary>
    public override void ProcessClientExtensions(IDictionary<int, byte[]> clientExtensions)
    {
        base.ProcessClientExtensions(clientExtensions);
        ReadSrpExtension(clientExtensions);
        string? name = Negotiated.HostName(m_context.SecurityParameters.ClientServerNames);
        if (name is null || _config.ServerNameCredentials.Count == 0)
        {
            return;
        }

        var match = _config.ServerNameCredentials.FirstOrDefault(s => s.Matches(name));
        if (match is not null)
        {
            _credentials = match;
            _serverNameMatched = true;
        }
        else if (_config.ServerNameFatal)
        {
            throw new TlsFatalAlert(AlertDescription.unrecognized_name, $"No certificate is configured for the server name '{name}'.");
        }
    }

    public override IDictionary<int, byte[]> GetServerExtensions()
    {
        var extensions = base.GetServerExtensions();
        if (_serverNameMatched)
        {
            TlsExtensionsUtilities.AddServerNameExtensionServer(extensions);
        }

        AddServerInfo(extensions);
        return extensions;
    }

    protected override bool IsSelectableCipherSuite(int cipherSuite, int availCurveBits, int availFiniteFieldBits, IList<short> sigAlgs)
    {
        if (!TlsUtilities.IsValidVersionForCipherSuite(cipherSuite, m_context.ServerVersion))
        {
            return false;
        }

        bool group = TlsUtilities.GetKeyExchangeAlgorithm(cipherSuite) switch
        {
            KeyExchangeAlgorithm.ECDHE_ECDSA or KeyExchangeAlgorithm.ECDHE_RSA or KeyExchangeAlgorithm.ECDH_anon or KeyExchangeAlgorithm.ECDHE_PSK =>
                SelectECDH(TlsEccUtilities.GetMinimumCurveBits(cipherSuite)) >= 0,
            KeyExchangeAlgorithm.DHE_RSA or KeyExchangeAlgorithm.DHE_DSS or KeyExchangeAlgorithm.DH_anon or KeyExchangeAlgorithm.DHE_PSK =>
                _config.DhGroup is not null || SelectDH(TlsDHUtilities.GetMinimumFiniteFieldBits(cipherSuite)) >= 0,
            _ => true,
        };
        return group && (KeyExchangeFit.NeedsNoCredential(cipherSuite) || CredentialFor(cipherSuite) is not null);
    }

    protected override int SelectECDH(int minimumCurveBits) =>
        SelectGroup(g => NamedGroup.RefersToAnECDHCurve(g) && NamedGroup.GetCurveBits(g) >= minimumCurveBits, finiteField: false);

    protected override int SelectDH(int minimumFiniteFieldBits) =>
        SelectGroup(g => NamedGroup.RefersToASpecificFiniteField(g) && NamedGroup.GetFiniteFieldBits(g) >= minimumFiniteFieldBits, finiteField: true);

    public override TlsCredentials GetCredentials()
    {
        if (!TlsUtilities.IsTlsV13(m_context) && KeyExchangeFit.NeedsNoCredential(m_context.SecurityParameters.CipherSuite))
        {
            return null!; // PSK, DHE_PSK, ECDHE_PSK and SRP: the shared secret authenticates
        }

        if (TlsUtilities.IsTlsV13(m_context))
        {
            var pick = Tls13Signer();
            return Signer(pick.Credential, pick.Scheme);
        }

        if (_credentials is null)
        {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "The server has no certificate.");
        }

        int suite = m_context.SecurityParameters.CipherSuite;
        var (credential, scheme) = CredentialFor(suite) ?? throw new TlsFatalAlert(AlertDescription.internal_error);
        if (TlsUtilities.GetKeyExchangeAlgorithm(suite) is KeyExchangeAlgorithm.RSA or KeyExchangeAlgorithm.RSA_PSK)
        {
            _served = credential;
            return new BcDefaultTlsCredentialedDecryptor(_config.Crypto, _config.ChainFor(credential, false), credential.PrivateKey);
        }

        return Signer(credential, scheme);
    }

    public override TlsECConfig GetECDHConfig()
    {
        var config = base.GetECDHConfig();
        _keyExchangeGroup = config.NamedGroup;
        return config;
    }

    public override TlsDHConfig GetDHConfig()
    {
        if (_config.DhGroup is { } custom)
        {
            _customGroup = $"dh{custom.P.BitLength}";
            return new TlsDHConfig(custom);
        }

        var config = base.GetDHConfig();
        _keyExchangeGroup = config.NamedGroup;
        return config;
    }

    /// <summary>
    /// Like OpenSSL, accept clients that do not signal RFC 5746 secure renegotiation (BouncyCastle refuses them by
    /// default): the server never renegotiates, so there is nothing for such a client to exploit. Recorded on the session.
    /// </summary>
    public override void NotifySecureRenegotiation(bool secureRenegotiation) => _secureRenegotiation = secureRenegotiation;

    public override CertificateRequest? GetCertificateRequest() => _config.ClientAuthentication?.CreateRequest(m_context, _config.ClientSignatureAlgorithms);

    public override void NotifyClientCertificate(Certificate clientCertificate) =>
        (_config.ClientAuthentication ?? throw new TlsFatalAlert(AlertDescription.unexpected_message))
            .OnClientCertificate(m_context, clientCertificate, _record);

    public override void NotifyOfferedCipherSuites(int[] offeredCipherSuites)
    {
        base.NotifyOfferedCipherSuites(offeredCipherSuites);
        _record.SetOffered(CipherSuiteNames.IanaNames(offeredCipherSuites.Where(s => !Registry.IanaCipherSuites.IsSignalling(s))));
    }

    public override void NotifyAlertRaised(short alertLevel, short alertDescription, string message, Exception cause)
    {
        var alert = Alerts.Create(alertLevel, alertDescription, AlertDirection.Sent, message);
        if (PendingAlerts is { } pending)
        {
            pending.Raised(alert);
        }
        else
        {
            OnAlert(alert);
        }
    }

    /// <summary>Records an alert that has left through the socket.</summary>
    public void PublishSent(TlsAlert alert) => OnAlert(alert);

    public override void NotifyAlertReceived(short alertLevel, short alertDescription) =>
        OnAlert(Alerts.Create(alertLevel, alertDescription, AlertDirection.Received, null));

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        Resumption.OnHandshakeComplete(m_context, ClientVerification.Of(_record));
        var keyingMaterial = CompleteExtensions();
        var served = _served is null ? ((System.Security.Cryptography.X509Certificates.X509Certificate2, string?)?)null : (_served.Certificate, SchemeName());
        HandshakeCompleted?.Invoke(Negotiated.Read(m_context, _keyExchangeGroup, _customGroup, _secureRenegotiation, served, keyingMaterial));
    }

    public override TlsSession GetSessionToResume(byte[] sessionID) => Resumption.Find(sessionID, m_clientExtensions)!;

    public override byte[] GetNewSessionID() => Resumption.NewSessionId()!;

    public override void NotifySession(TlsSession session)
    {
        base.NotifySession(session);
        Resumption.OnSessionDecided(m_context)?.ApplyTo(_record);
    }

    public override void GetServerExtensionsForConnection(IDictionary<int, byte[]> serverExtensions)
    {
        base.GetServerExtensionsForConnection(serverExtensions);
        Resumption.OnServerExtensions(m_context, serverExtensions);
    }

    public override NewSessionTicket GetNewSessionTicket() => Resumption.NewTicket(m_context, ClientVerification.Of(_record));

    /// <summary>
    /// TLS 1.3: the credential and scheme to sign with. BouncyCastle asks only after its ServerHello, so an encrypted alert
    /// would follow it; <see cref="GetSelectedCipherSuite"/> asks first, and the handshake_failure goes out in plaintext.
    /// </summary>
    private (ServerCredential Credential, SignatureAndHashAlgorithm Scheme) Tls13Signer()
    {
        if (_credentials is null)
        {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "The server has no certificate.");
        }

        return SignatureSchemes.PickCredential(m_context, _credentials.Credentials, _config.SignatureAlgorithms, _config.ServerPreference)
            ?? throw new TlsFatalAlert(AlertDescription.handshake_failure,
                "The client offers no signature scheme that the server's keys can make and the server allows.");
    }

    /// <summary>TLS 1.2 and older: the credential whose key suits the suite and can sign with a scheme both sides allow.</summary>
    private (ServerCredential Credential, SignatureAndHashAlgorithm? Scheme)? CredentialFor(int suite)
    {
        bool signs = TlsUtilities.GetKeyExchangeAlgorithm(suite) is not (KeyExchangeAlgorithm.RSA or KeyExchangeAlgorithm.RSA_PSK);
        foreach (var credential in _credentials?.Credentials ?? Array.Empty<ServerCredential>())
        {
            if (!KeyExchangeFit.Fits(suite, credential.KeyType))
            {
                continue;
            }

            if (!signs || !TlsUtilities.IsSignatureAlgorithmsExtensionAllowed(m_context.ServerVersion))
            {
                return (credential, null);
            }

            if (SignatureSchemes.TryPick(m_context, credential, _config.SignatureAlgorithms, _config.ServerPreference, _config.Sha1Signatures) is { } scheme)
            {
                return (credential, scheme);
            }
        }

        return null;
    }

    /// <summary>A group both sides allow, in the client's order (the server's with -ServerPreference).</summary>
    private int SelectGroup(Func<int, bool> fits, bool finiteField)
    {
        var version = m_context.ServerVersion;
        var ours = _config.Groups.Where(g => fits(g) && (version is null || NamedGroup.CanBeNegotiated(g, version))).ToArray();
        var client = m_context.SecurityParameters.ClientSupportedGroups;

        // RFC 4492 and RFC 7919: a client that names no group of the kind leaves the choice to the server.
        if (client is null || (finiteField && !client.Any(NamedGroup.IsFiniteField)))
        {
            return ours.DefaultIfEmpty(-1).First();
        }

        var common = _config.ServerPreference ? ours.Where(client.Contains) : client.Where(ours.Contains);
        return common.DefaultIfEmpty(-1).First();
    }

    private TlsCredentialedSigner Signer(ServerCredential credential, SignatureAndHashAlgorithm? scheme)
    {
        _served = credential;
        _scheme = scheme;
        return _config.SignersFor(credential).Create(m_context, Chain(credential), scheme);
    }

    /// <summary>The credential's chain; in TLS 1.3 the main credential's carries the stapled OCSP response when asked for.</summary>
    private Certificate Chain(ServerCredential credential) =>
        !TlsUtilities.IsTlsV13(m_context) ? _config.ChainFor(credential, false)
        : credential == _config.Credential ? Chain13(_config.ChainFor(credential, true))
        : _config.ChainFor(credential, true);

    private string? SchemeName()
    {
        if (_scheme is not null)
        {
            return SignatureAlgorithmNames.Name(SignatureScheme.From(_scheme));
        }

        // TLS 1.0 and 1.1 sign with fixed hashes; RSA key transport signs nothing.
        return TlsUtilities.GetKeyExchangeAlgorithm(m_context.SecurityParameters.CipherSuite) is KeyExchangeAlgorithm.RSA or KeyExchangeAlgorithm.RSA_PSK ? null
            : _served!.KeyType switch
            {
                KeyType.Rsa => "rsa_pkcs1_md5_sha1",
                KeyType.Ecdsa => "ecdsa_sha1",
                KeyType.Dsa => "dsa_sha1",
                _ => null,
            };
    }
}
