using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using TlsServer.Engine.Credentials;

namespace TlsServer.Engine.Engines.BouncyCastle.Crypto;

/// <summary>Makes the signing credential of each handshake: .NET signs where it can, BouncyCastle everywhere else.</summary>
internal sealed class ServerSigners
{
    private readonly BcTlsCrypto _crypto;
    private readonly ServerCredential _credential;
    private readonly DotNetSigningKey? _dotNetKey;

    public ServerSigners(BcTlsCrypto crypto, ServerCredential credential)
    {
        _crypto = crypto;
        _credential = credential;
        _dotNetKey = crypto is DotNetTlsCrypto ? DotNetSigningKey.TryCreate(credential.PrivateKey) : null;
    }

    /// <summary>True when handshake signatures come from .NET (an RSA or ECDSA key that .NET could load).</summary>
    public bool UsesDotNet => _dotNetKey is not null;

    public TlsCredentialedSigner Create(TlsContext context, Certificate chain, SignatureAndHashAlgorithm? algorithm)
    {
        var cryptoParams = new TlsCryptoParameters(context);
        return _dotNetKey is null
            ? new BcDefaultTlsCredentialedSigner(cryptoParams, _crypto, _credential.PrivateKey, chain, algorithm)
            : new DotNetCredentialedSigner(cryptoParams, _crypto, _dotNetKey, _credential.PrivateKey, chain, algorithm);
    }
}
