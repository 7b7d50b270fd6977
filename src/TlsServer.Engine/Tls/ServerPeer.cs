using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using TlsServer.Engine.Sessions;

namespace TlsServer.Engine.Tls;

/// <summary>BouncyCastle's view of our server for one connection: what to offer, which key to sign with, and what happened.</summary>
internal class ServerPeer : DefaultTlsServer
{
    private readonly TlsConfiguration _config;
    private readonly SessionRecord _record;
    private int _keyExchangeGroup = -1;

    public ServerPeer(TlsConfiguration config, SessionRecord record)
        : base(config.Crypto)
    {
        _config = config;
        _record = record;
    }

    /// <summary>Raised inside NotifyHandshakeComplete, on the connection's own thread.</summary>
    public event Action? HandshakeCompleted;

    protected override ProtocolVersion[] GetSupportedVersions() => _config.Versions;

    protected override int[] GetSupportedCipherSuites() => _config.CipherSuites;

    public override int GetMaxHandshakeMessageSize() => _config.MaxHandshakeMessageSize;

    /// <summary>DTLS only: BouncyCastle gives up a handshake after this long (its retransmission timers run within it).</summary>
    public override int GetHandshakeTimeoutMillis() => _config.HandshakeTimeoutMillis;

    public override TlsCredentials GetCredentials()
    {
        if (TlsUtilities.IsTlsV13(m_context))
        {
            return Signer();
        }

        return base.GetCredentials();
    }

    protected override TlsCredentialedSigner GetRsaSignerCredentials() => Signer();

    protected override TlsCredentialedSigner GetECDsaSignerCredentials() => Signer();

    protected override TlsCredentialedSigner GetDsaSignerCredentials() => Signer();

    protected override TlsCredentialedDecryptor GetRsaEncryptionCredentials() =>
        new BcDefaultTlsCredentialedDecryptor(_config.Crypto, _config.CertificateChain12, _config.Credential.PrivateKey);

    public override int[] GetSupportedGroups() => _config.Groups;

    /// <summary>TLS 1.2 ECDHE: the client's first curve that the server accepts (BouncyCastle would take any).</summary>
    protected override int SelectECDH(int minimumCurveBits) =>
        SelectGroup(minimumCurveBits, g => NamedGroup.RefersToAnECDHCurve(g), NamedGroup.GetCurveBits);

    /// <summary>TLS 1.2 DHE: the client's first finite field group that the server accepts.</summary>
    protected override int SelectDH(int minimumFiniteFieldBits) =>
        SelectGroup(minimumFiniteFieldBits, NamedGroup.IsFiniteField, NamedGroup.GetFiniteFieldBits);

    public override TlsECConfig GetECDHConfig()
    {
        var config = base.GetECDHConfig();
        _keyExchangeGroup = config.NamedGroup;
        return config;
    }

    public override TlsDHConfig GetDHConfig()
    {
        var config = base.GetDHConfig();
        _keyExchangeGroup = config.NamedGroup;
        return config;
    }

    /// <summary>
    /// Like OpenSSL, accept clients that do not signal RFC 5746 secure renegotiation (BouncyCastle refuses them by
    /// default): the server never renegotiates, so there is nothing for such a client to exploit. Recorded on the session.
    /// </summary>
    public override void NotifySecureRenegotiation(bool secureRenegotiation) =>
        _record.SetSecureRenegotiation(secureRenegotiation);

    public override void NotifyOfferedCipherSuites(int[] offeredCipherSuites)
    {
        base.NotifyOfferedCipherSuites(offeredCipherSuites);
        _record.SetOffered(CipherSuiteNames.IanaNames(offeredCipherSuites.Where(s => !CipherSuite.IsScsv(s))));
    }

    public override void NotifyAlertRaised(short alertLevel, short alertDescription, string message, Exception cause) =>
        _record.SetAlert(Alerts.Create(alertLevel, alertDescription, AlertDirection.Sent, message));

    public override void NotifyAlertReceived(short alertLevel, short alertDescription) =>
        _record.SetAlert(Alerts.Create(alertLevel, alertDescription, AlertDirection.Received, null));

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        _record.SetEstablished(Negotiated.Read(m_context, _keyExchangeGroup));
        HandshakeCompleted?.Invoke();
    }

    private int SelectGroup(int minimumBits, Func<int, bool> kind, Func<int, int> bits)
    {
        var offered = m_context.SecurityParameters.ClientSupportedGroups;
        var candidates = offered is null || !offered.Any(kind) ? _config.Groups : offered.Where(_config.Groups.Contains);
        return candidates.Where(g => kind(g) && bits(g) >= minimumBits).DefaultIfEmpty(-1).First();
    }

    private TlsCredentialedSigner Signer()
    {
        var chain = TlsUtilities.IsTlsV13(m_context) ? _config.CertificateChain13 : _config.CertificateChain12;
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(m_context), _config.Crypto,
            _config.Credential.PrivateKey, chain, SignatureSchemes.Select(m_context, _config.Credential));
    }
}
