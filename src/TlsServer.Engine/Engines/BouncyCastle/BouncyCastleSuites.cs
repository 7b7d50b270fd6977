using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using Org.BouncyCastle.Tls;
using TlsServer.Engine.CipherSuites;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>The suites BouncyCastle implements, and how its tables describe the ones OpenSSL has no name for.</summary>
internal sealed class BouncyCastleSuites : ICipherSuiteSupport
{
    public static readonly BouncyCastleSuites Instance = new();

    private static readonly BcTlsCrypto Crypto = new(new SecureRandom());

    /// <summary>Why BouncyCastle cannot serve a suite, or null if it can (PSK and SRP suites with -Psk or -SrpVerifierPath).</summary>
    public string? CannotServe(CipherSuiteInfo suite) =>
        TlsUtilities.IsSupportedCipherSuite(Crypto, suite.Id) ? null : "BouncyCastle does not implement it";

    /// <summary>A suite BouncyCastle implements, with its algorithm classes; null when it does not implement it.</summary>
    public static CipherSuiteInfo? Describe(int id)
    {
        if (!TlsUtilities.IsSupportedCipherSuite(Crypto, id))
        {
            return null;
        }

        (CipherKeyExchange kx, CipherAuthentication au)? exchange = TlsUtilities.GetKeyExchangeAlgorithm(id) switch
        {
            KeyExchangeAlgorithm.RSA => (CipherKeyExchange.Rsa, CipherAuthentication.Rsa),
            KeyExchangeAlgorithm.DHE_RSA => (CipherKeyExchange.Dhe, CipherAuthentication.Rsa),
            KeyExchangeAlgorithm.DHE_DSS => (CipherKeyExchange.Dhe, CipherAuthentication.Dss),
            KeyExchangeAlgorithm.DH_anon => (CipherKeyExchange.Dhe, CipherAuthentication.Null),
            KeyExchangeAlgorithm.ECDHE_RSA => (CipherKeyExchange.Ecdhe, CipherAuthentication.Rsa),
            KeyExchangeAlgorithm.ECDHE_ECDSA => (CipherKeyExchange.Ecdhe, CipherAuthentication.Ecdsa),
            KeyExchangeAlgorithm.ECDH_anon => (CipherKeyExchange.Ecdhe, CipherAuthentication.Null),
            KeyExchangeAlgorithm.PSK => (CipherKeyExchange.Psk, CipherAuthentication.Psk),
            KeyExchangeAlgorithm.DHE_PSK => (CipherKeyExchange.DhePsk, CipherAuthentication.Psk),
            KeyExchangeAlgorithm.ECDHE_PSK => (CipherKeyExchange.EcdhePsk, CipherAuthentication.Psk),
            KeyExchangeAlgorithm.RSA_PSK => (CipherKeyExchange.RsaPsk, CipherAuthentication.Rsa),
            KeyExchangeAlgorithm.SRP => (CipherKeyExchange.Srp, CipherAuthentication.Srp),
            KeyExchangeAlgorithm.SRP_RSA => (CipherKeyExchange.Srp, CipherAuthentication.Rsa),
            KeyExchangeAlgorithm.SRP_DSS => (CipherKeyExchange.Srp, CipherAuthentication.Dss),
            _ => null,
        };
        CipherEncryption? enc = TlsUtilities.GetEncryptionAlgorithm(id) switch
        {
            EncryptionAlgorithm.NULL => CipherEncryption.Null,
            EncryptionAlgorithm.cls_3DES_EDE_CBC => CipherEncryption.TripleDes,
            EncryptionAlgorithm.AES_128_CBC => CipherEncryption.Aes128,
            EncryptionAlgorithm.AES_256_CBC => CipherEncryption.Aes256,
            EncryptionAlgorithm.AES_128_GCM => CipherEncryption.Aes128Gcm,
            EncryptionAlgorithm.AES_256_GCM => CipherEncryption.Aes256Gcm,
            EncryptionAlgorithm.AES_128_CCM => CipherEncryption.Aes128Ccm,
            EncryptionAlgorithm.AES_256_CCM => CipherEncryption.Aes256Ccm,
            EncryptionAlgorithm.AES_128_CCM_8 => CipherEncryption.Aes128Ccm8,
            EncryptionAlgorithm.AES_256_CCM_8 => CipherEncryption.Aes256Ccm8,
            EncryptionAlgorithm.CAMELLIA_128_CBC => CipherEncryption.Camellia128,
            EncryptionAlgorithm.CAMELLIA_256_CBC => CipherEncryption.Camellia256,
            EncryptionAlgorithm.CAMELLIA_128_GCM => CipherEncryption.Camellia128Gcm,
            EncryptionAlgorithm.CAMELLIA_256_GCM => CipherEncryption.Camellia256Gcm,
            EncryptionAlgorithm.ARIA_128_CBC => CipherEncryption.Aria128,
            EncryptionAlgorithm.ARIA_256_CBC => CipherEncryption.Aria256,
            EncryptionAlgorithm.ARIA_128_GCM => CipherEncryption.Aria128Gcm,
            EncryptionAlgorithm.ARIA_256_GCM => CipherEncryption.Aria256Gcm,
            EncryptionAlgorithm.CHACHA20_POLY1305 => CipherEncryption.ChaCha20Poly1305,
            _ => null,
        };
        CipherMac? mac = TlsUtilities.GetMacAlgorithm(id) switch
        {
            MacAlgorithm.cls_null => CipherMac.Aead,
            MacAlgorithm.hmac_md5 => CipherMac.Md5,
            MacAlgorithm.hmac_sha1 => CipherMac.Sha1,
            MacAlgorithm.hmac_sha256 => CipherMac.Sha256,
            MacAlgorithm.hmac_sha384 => CipherMac.Sha384,
            _ => null,
        };
        if (exchange is null || enc is null || mac is null)
        {
            return null;
        }

        var minimum = BcVersions.FromBc(TlsUtilities.GetMinimumVersion(id)) ?? TlsProtocol.Tls12;
        var strength = enc == CipherEncryption.Null ? CipherStrength.None : CipherStrength.High;
        return new CipherSuiteInfo(id, null, minimum, exchange.Value.kx, exchange.Value.au,
            enc.Value, mac.Value, strength);
    }
}
