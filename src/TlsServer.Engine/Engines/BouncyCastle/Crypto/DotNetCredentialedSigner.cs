using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace TlsServer.Engine.Engines.BouncyCastle.Crypto;

/// <summary>
/// The server's signing credential for one handshake: the raw signature comes from the .NET key when it can make
/// the negotiated scheme; otherwise BouncyCastle signs, exactly as <see cref="BcDefaultTlsCredentialedSigner"/> does.
/// The client verifies every signature, so a completed handshake proves this one right.
/// </summary>
internal sealed class DotNetCredentialedSigner : BcDefaultTlsCredentialedSigner
{
    private readonly DotNetSigningKey _key;

    public DotNetCredentialedSigner(TlsCryptoParameters cryptoParams, BcTlsCrypto crypto, DotNetSigningKey key,
        AsymmetricKeyParameter privateKey, Certificate certificate, SignatureAndHashAlgorithm? signatureAndHashAlgorithm)
        : base(cryptoParams, crypto, privateKey, certificate, signatureAndHashAlgorithm)
    {
        _key = key;
    }

    public override byte[] GenerateRawSignature(byte[] hash) =>
        _key.TrySign(GetEffectiveAlgorithm(), hash) ?? base.GenerateRawSignature(hash);

    /// <summary>Null sends BouncyCastle down the hash-then-<see cref="GenerateRawSignature"/> path for the schemes .NET signs.</summary>
    public override TlsStreamSigner? GetStreamSigner() =>
        _key.CanSign(GetEffectiveAlgorithm()) ? null : base.GetStreamSigner();
}
