using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using TlsServer.Engine.Sessions;

namespace TlsServer.Engine.Tls;

/// <summary>BouncyCastle's view of our server for one connection: what to offer, which key to sign with, and what happened.</summary>
internal sealed partial class ServerPeer : DefaultTlsServer
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

    public override void NotifyOfferedCipherSuites(int[] offeredCipherSuites)
    {
        base.NotifyOfferedCipherSuites(offeredCipherSuites);
        _record.SetOffered(CipherSuiteNames.IanaNames(offeredCipherSuites.Where(s => !CipherSuite.IsScsv(s))));
    }

    public override void NotifyAlertRaised(short alertLevel, short alertDescription, string message, Exception cause) =>
        OnAlert(Alerts.Create(alertLevel, alertDescription, AlertDirection.Sent, message));

    public override void NotifyAlertReceived(short alertLevel, short alertDescription) =>
        OnAlert(Alerts.Create(alertLevel, alertDescription, AlertDirection.Received, null));

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        CompleteExtensions();
        _record.SetEstablished(Negotiated.Read(m_context, _keyExchangeGroup));
        HandshakeCompleted?.Invoke();
    }

    private TlsCredentialedSigner Signer()
    {
        var chain = TlsUtilities.IsTlsV13(m_context) ? Chain13() : _config.CertificateChain12;
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(m_context), _config.Crypto,
            _config.Credential.PrivateKey, chain, SignatureSchemes.Select(m_context, _config.Credential));
    }
}
