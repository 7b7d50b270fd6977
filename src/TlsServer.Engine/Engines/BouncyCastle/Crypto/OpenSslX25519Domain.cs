using Org.BouncyCastle.Tls.Crypto;

namespace TlsServer.Engine.Engines.BouncyCastle.Crypto;

internal sealed class OpenSslX25519Domain : TlsECDomain
{
    private readonly TlsCrypto _crypto;

    public OpenSslX25519Domain(TlsCrypto crypto) => _crypto = crypto;

    public TlsAgreement CreateECDH() => new OpenSslX25519Agreement(_crypto);
}
