using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using Org.BouncyCastle.Tls;
using TlsServer.Engine.Engines.BouncyCastle.Crypto;
using BcHash = Org.BouncyCastle.Tls.HashAlgorithm;
using BcSignature = Org.BouncyCastle.Tls.SignatureAlgorithm;

namespace TlsServer.Engine.Tests.Crypto;

/// <summary>Signatures made by the .NET key verify with BouncyCastle, and schemes .NET does not make are left to BouncyCastle.</summary>
public sealed class DotNetSigningKeyTests
{
    private static readonly byte[] Message = "TLS 1.3, server CertificateVerify"u8.ToArray();

    [Theory]
    [InlineData(BcHash.sha1, "SHA-1withRSA")]
    [InlineData(BcHash.sha256, "SHA-256withRSA")]
    [InlineData(BcHash.sha384, "SHA-384withRSA")]
    [InlineData(BcHash.sha512, "SHA-512withRSA")]
    public void RsaPkcs1SignaturesAreTheSameBytesBouncyCastleMakes(short hash, string verifier)
    {
        var (bcKey, key) = Rsa();
        var algorithm = new SignatureAndHashAlgorithm(hash, BcSignature.rsa);
        byte[] digest = Digest(verifier.Split("with")[0], Message);

        byte[]? ours = key.TrySign(algorithm, digest);

        Assert.NotNull(ours);
        Assert.Equal(new BcTlsRsaSigner(new BcTlsCrypto(), (RsaKeyParameters)bcKey.Private).GenerateRawSignature(algorithm, digest), ours);
        Assert.True(Verify(verifier, bcKey.Public, ours!));
    }

    [Theory]
    [InlineData(BcSignature.rsa_pss_rsae_sha256, "SHA-256withRSAandMGF1")]
    [InlineData(BcSignature.rsa_pss_rsae_sha384, "SHA-384withRSAandMGF1")]
    [InlineData(BcSignature.rsa_pss_rsae_sha512, "SHA-512withRSAandMGF1")]
    public void RsaPssSignaturesVerifyWithBouncyCastle(short signature, string verifier)
    {
        var (bcKey, key) = Rsa();
        var algorithm = new SignatureAndHashAlgorithm(BcHash.Intrinsic, signature);

        byte[]? ours = key.TrySign(algorithm, Digest(verifier.Split("with")[0], Message));

        Assert.NotNull(ours);
        Assert.True(Verify(verifier, bcKey.Public, ours!));
    }

    [Theory]
    [InlineData("P-256", BcHash.sha256, "SHA-256withECDSA")]
    [InlineData("P-384", BcHash.sha384, "SHA-384withECDSA")]
    [InlineData("P-256", BcHash.sha1, "SHA-1withECDSA")]
    public void EcdsaSignaturesVerifyWithBouncyCastle(string curve, short hash, string verifier)
    {
        var (bcKey, key) = Ec(curve);
        var algorithm = new SignatureAndHashAlgorithm(hash, BcSignature.ecdsa);

        byte[]? ours = key.TrySign(algorithm, Digest(verifier.Split("with")[0], Message));

        Assert.NotNull(ours);
        Assert.True(Verify(verifier, bcKey.Public, ours!));
    }

    [Fact]
    public void SchemesDotNetDoesNotMakeHereAreLeftToBouncyCastle()
    {
        var (_, rsa) = Rsa();
        var (_, ec) = Ec("P-256");

        Assert.False(rsa.CanSign(null)); // TLS 1.0/1.1: MD5+SHA1 without a DigestInfo
        Assert.False(rsa.CanSign(new SignatureAndHashAlgorithm(BcHash.sha224, BcSignature.rsa)));
        Assert.False(rsa.CanSign(new SignatureAndHashAlgorithm(BcHash.md5, BcSignature.rsa)));
        Assert.False(rsa.CanSign(new SignatureAndHashAlgorithm(BcHash.Intrinsic, BcSignature.rsa_pss_pss_sha256)));
        Assert.False(rsa.CanSign(new SignatureAndHashAlgorithm(BcHash.sha256, BcSignature.ecdsa)));
        Assert.False(ec.CanSign(new SignatureAndHashAlgorithm(BcHash.sha256, BcSignature.rsa)));
        Assert.False(ec.CanSign(new SignatureAndHashAlgorithm(BcHash.Intrinsic, BcSignature.ecdsa_brainpoolP256r1tls13_sha256)));
        Assert.Null(rsa.TrySign(new SignatureAndHashAlgorithm(BcHash.sha224, BcSignature.rsa), new byte[28]));
    }

    [Fact]
    public void KeysDotNetDoesNotSignWithAreNotConverted()
    {
        var generator = new Org.BouncyCastle.Crypto.Generators.Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));

        Assert.Null(DotNetSigningKey.TryCreate(generator.GenerateKeyPair().Private));
    }

    [Fact]
    public void OneKeySignsFromManyThreadsAtOnce()
    {
        var (bcKey, key) = Ec("P-256");
        var algorithm = new SignatureAndHashAlgorithm(BcHash.sha256, BcSignature.ecdsa);
        byte[] digest = Digest("SHA-256", Message);

        var signatures = Enumerable.Range(0, 64).AsParallel().WithDegreeOfParallelism(8)
            .Select(_ => key.TrySign(algorithm, digest)!).ToArray();

        Assert.All(signatures, s => Assert.True(Verify("SHA-256withECDSA", bcKey.Public, s)));
    }

    private static (AsymmetricCipherKeyPair BcKey, DotNetSigningKey Key) Rsa()
    {
        using var rsa = RSA.Create(2048);
        return Convert(rsa.ExportPkcs8PrivateKey(), rsa.ExportSubjectPublicKeyInfo());
    }

    private static (AsymmetricCipherKeyPair BcKey, DotNetSigningKey Key) Ec(string curve)
    {
        using var ec = ECDsa.Create(curve == "P-256" ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384);
        return Convert(ec.ExportPkcs8PrivateKey(), ec.ExportSubjectPublicKeyInfo());
    }

    private static (AsymmetricCipherKeyPair, DotNetSigningKey) Convert(byte[] pkcs8, byte[] spki)
    {
        var pair = new AsymmetricCipherKeyPair(PublicKeyFactory.CreateKey(spki), PrivateKeyFactory.CreateKey(pkcs8));
        var key = DotNetSigningKey.TryCreate(pair.Private);
        Assert.NotNull(key);
        return (pair, key!);
    }

    private static byte[] Digest(string name, byte[] data) => DigestUtilities.CalculateDigest(name, data);

    private static bool Verify(string algorithm, AsymmetricKeyParameter publicKey, byte[] signature)
    {
        var verifier = SignerUtilities.GetSigner(algorithm);
        verifier.Init(false, publicKey);
        verifier.BlockUpdate(Message, 0, Message.Length);
        return verifier.VerifySignature(signature);
    }
}
