using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace TlsServer.Engine.Engines.BouncyCastle.Crypto;

/// <summary>
/// A finite-field group for a TLS 1.3 key share. BouncyCastle answers a value outside 1 &lt; y &lt; p-1 with RFC 7919's
/// TLS 1.2 alert, handshake_failure; in a TLS 1.3 key_share it is a bad field of the ClientHello, illegal_parameter
/// (RFC 8446 6.2, as OpenSSL answers).
/// </summary>
internal sealed class KeyShareDHDomain : BcTlsDHDomain
{
    public KeyShareDHDomain(BcTlsCrypto crypto, Org.BouncyCastle.Tls.Crypto.TlsDHConfig config)
        : base(crypto, config)
    {
    }

    public override DHPublicKeyParameters DecodePublicKey(byte[] encoding)
    {
        try
        {
            return base.DecodePublicKey(encoding);
        }
        catch (TlsFatalAlert e) when (e.AlertDescription == AlertDescription.handshake_failure)
        {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, "The client's key share is not a valid public value of its group.", e);
        }
    }
}
