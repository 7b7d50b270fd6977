using Org.BouncyCastle.Crypto.Prng;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace TlsServer.Engine.Engines.BouncyCastle.Crypto;

/// <summary>
/// BouncyCastle's TLS crypto with the hot paths sent to .NET where the platform has them: AES-GCM and
/// ChaCha20-Poly1305 records, randomness from the operating system, X25519 from the platform's OpenSSL
/// where it has one, and SHA-256/384 for the transcript hash, HMAC, HKDF and the TLS 1.2 PRF. Everything else
/// (other groups and hashes, certificates) stays pure BouncyCastle; so does anything the platform lacks.
/// </summary>
internal sealed class DotNetTlsCrypto : BcTlsCrypto
{
    private readonly IDecryptedRecordObserver? _records;

    public DotNetTlsCrypto()
        : base(new SecureRandom(new CryptoApiRandomGenerator()))
    {
    }

    private DotNetTlsCrypto(SecureRandom random, IDecryptedRecordObserver records)
        : base(random)
    {
        _records = records;
    }

    /// <summary>The same crypto for one connection, whose record ciphers report what they decrypt to <paramref name="records"/>.</summary>
    public DotNetTlsCrypto ForConnection(IDecryptedRecordObserver records) => new(SecureRandom, records);

    /// <summary>The record ciphers the connection's <see cref="IDecryptedRecordObserver"/> watches, newest last.</summary>
    public List<ObservedCipher> Ciphers { get; } = new();

    public override TlsCipher CreateCipher(TlsCryptoParameters cryptoParams, int encryptionAlgorithm, int macAlgorithm)
    {
        var cipher = base.CreateCipher(cryptoParams, encryptionAlgorithm, macAlgorithm);
        if (_records is null)
        {
            return cipher;
        }

        var observed = new ObservedCipher(cipher, _records);
        Ciphers.Add(observed);
        return WrapCipher?.Invoke(observed) ?? observed;
    }

    /// <summary>For one connection: wraps each record cipher once it is made (a faulting connection shapes the records it writes).</summary>
    public Func<TlsCipher, TlsCipher>? WrapCipher { get; set; }

    /// <summary>TLS 1.3 (the padded encoding is TLS 1.3's): a key share outside 1 &lt; y &lt; p-1 is illegal_parameter, not RFC 7919's handshake_failure.</summary>
    public override TlsDHDomain CreateDHDomain(TlsDHConfig dhConfig) =>
        dhConfig.IsPadded ? new KeyShareDHDomain(this, dhConfig) : base.CreateDHDomain(dhConfig);

    public override TlsSecret CreateSecret(byte[] data) => new DotNetTlsSecret(this, (byte[])data.Clone());

    public override TlsSecret HkdfInit(int cryptoHashAlgorithm) =>
        DotNetHash.IsSupported(cryptoHashAlgorithm)
            ? new DotNetTlsSecret(this, new byte[DotNetHash.OutputSize(cryptoHashAlgorithm)])
            : base.HkdfInit(cryptoHashAlgorithm);

    public override TlsHash CreateHash(int cryptoHashAlgorithm) =>
        DotNetHash.IsSupported(cryptoHashAlgorithm) ? new DotNetTlsHash(cryptoHashAlgorithm) : base.CreateHash(cryptoHashAlgorithm);

    public override TlsHmac CreateHmacForHash(int cryptoHashAlgorithm) =>
        DotNetHash.IsSupported(cryptoHashAlgorithm) ? new DotNetTlsHmac(cryptoHashAlgorithm) : base.CreateHmacForHash(cryptoHashAlgorithm);

    public override TlsECDomain CreateECDomain(TlsECConfig ecConfig) =>
        ecConfig.NamedGroup == NamedGroup.x25519 && OpenSslX25519.IsAvailable
            ? new OpenSslX25519Domain(this)
            : base.CreateECDomain(ecConfig);

    protected override TlsAeadCipher CreateCipher_Aes_Gcm(TlsCryptoParameters cryptoParams, int cipherKeySize, int macSize) =>
        DotNetAeadCipher.IsSupported(AeadAlgorithm.AesGcm)
            ? Create(cryptoParams, AeadAlgorithm.AesGcm, cipherKeySize, macSize, TlsAeadCipher.AEAD_GCM)
            : base.CreateCipher_Aes_Gcm(cryptoParams, cipherKeySize, macSize);

    protected override TlsCipher CreateChaCha20Poly1305(TlsCryptoParameters cryptoParams) =>
        DotNetAeadCipher.IsSupported(AeadAlgorithm.ChaCha20Poly1305)
            ? Create(cryptoParams, AeadAlgorithm.ChaCha20Poly1305, 32, 16, TlsAeadCipher.AEAD_CHACHA20_POLY1305)
            : base.CreateChaCha20Poly1305(cryptoParams);

    private static TlsAeadCipher Create(TlsCryptoParameters cryptoParams, AeadAlgorithm algorithm, int keySize, int macSize, int aeadType) =>
        new AeadRecordCipher(cryptoParams, new DotNetAeadCipher(algorithm, true, macSize), new DotNetAeadCipher(algorithm, false, macSize),
            keySize, macSize, aeadType);
}
