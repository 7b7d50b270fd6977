using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls;
using TlsServer.Engine.Engines.BouncyCastle.Crypto;

namespace TlsServer.Engine.Tests.Crypto;

/// <summary>
/// The transcript hash, HMAC, HKDF and TLS 1.2 PRF that <see cref="DotNetTlsCrypto"/> computes on .NET give byte for
/// byte what BouncyCastle's own give, and what it leaves to BouncyCastle still works through its secrets.
/// </summary>
public sealed class DotNetKeyScheduleTests
{
    private readonly DotNetTlsCrypto _ours = new();
    private readonly BcTlsCrypto _theirs = new(new SecureRandom());

    public static TheoryData<int> Hashes => new() { CryptoHashAlgorithm.sha256, CryptoHashAlgorithm.sha384 };

    [Theory]
    [MemberData(nameof(Hashes))]
    public void TheTranscriptHashAndItsForksEqualBouncyCastles(int hash)
    {
        TlsHash ours = _ours.CreateHash(hash), theirs = _theirs.CreateHash(hash);
        Assert.IsType<DotNetTlsHash>(ours);
        var data = Bytes(5000, 1);
        foreach (var (offset, length) in new[] { (0, 0), (0, 1), (1, 63), (64, 2000), (2064, 2936) })
        {
            ours.Update(data, offset, length);
            theirs.Update(data.AsSpan(offset, length));
            Assert.Equal(theirs.CloneHash().CalculateHash(), ours.CloneHash().CalculateHash());
        }

        Assert.Equal(theirs.CalculateHash(), ours.CalculateHash());
        // A calculation resets, as BouncyCastle's digests do.
        ours.Update(data, 0, 10);
        theirs.Update(data, 0, 10);
        Assert.Equal(theirs.CalculateHash(), ours.CalculateHash());
        ours.Update(data, 0, 10);
        ours.Reset();
        Assert.Equal(_theirs.CreateHash(hash).CalculateHash(), ours.CalculateHash());
    }

    [Theory]
    [MemberData(nameof(Hashes))]
    public void HmacEqualsBouncyCastlesAndReturnsToTheKeyedState(int hash)
    {
        TlsHmac ours = _ours.CreateHmacForHash(hash), theirs = _theirs.CreateHmacForHash(hash);
        Assert.IsType<DotNetTlsHmac>(ours);
        Assert.Equal(theirs.MacLength, ours.MacLength);
        Assert.Equal(theirs.InternalBlockSize, ours.InternalBlockSize);
        foreach (int keyLength in new[] { 0, 20, 200 })
        {
            var key = Bytes(keyLength, 2);
            ours.SetKey(key, 0, key.Length);
            theirs.SetKey(key, 0, key.Length);
            for (int i = 0; i < 3; i++)
            {
                var data = Bytes(100 * i + 7, 3 + i);
                ours.Update(data, 0, data.Length);
                theirs.Update(data, 0, data.Length);
                var output = new byte[ours.MacLength + 3];
                ours.CalculateMac(output, 3);
                Assert.Equal(theirs.CalculateMac(), output[3..]);
            }

            ours.Update(Bytes(9, 9), 0, 9);
            ours.Reset();
            ours.Update(Bytes(5, 5));
            theirs.Update(Bytes(5, 5));
            Assert.Equal(theirs.CalculateMac(), ours.CalculateMac());
        }
    }

    [Theory]
    [MemberData(nameof(Hashes))]
    public void TheTls13KeyScheduleEqualsBouncyCastles(int hash)
    {
        int prf = hash == CryptoHashAlgorithm.sha256 ? PrfAlgorithm.tls13_hkdf_sha256 : PrfAlgorithm.tls13_hkdf_sha384;
        var shared = Bytes(32, 4);
        var transcript = Bytes(TlsCryptoUtilities.GetHashOutputSize(hash), 5);

        var ours = Schedule(_ours, hash, prf, shared, transcript);
        var theirs = Schedule(_theirs, hash, prf, shared, transcript);

        Assert.IsType<DotNetTlsSecret>(ours.Early);
        Assert.Equal(theirs.Binder, ours.Binder);
        Assert.Equal(theirs.Key, ours.Key);
        Assert.Equal(theirs.Traffic, ours.Traffic);
        Assert.Equal(theirs.Empty, ours.Empty);
    }

    [Theory]
    [InlineData(PrfAlgorithm.tls_prf_sha256, 48)]
    [InlineData(PrfAlgorithm.tls_prf_sha256, 12)]
    [InlineData(PrfAlgorithm.tls_prf_sha384, 104)]
    [InlineData(PrfAlgorithm.tls_prf_legacy, 48)] // TLS 1.0/1.1: BouncyCastle's, through our secret
    public void TheTls12PrfEqualsBouncyCastles(int prf, int length)
    {
        var preMaster = Bytes(48, 6);
        var seed = Bytes(64, 7);

        var ours = _ours.CreateSecret(preMaster).DeriveUsingPrf(prf, "master secret", seed, length);
        var theirs = _theirs.CreateSecret(preMaster).DeriveUsingPrf(prf, "master secret", seed, length);

        Assert.Equal(theirs.Extract(), ours.Extract());
    }

    [Fact]
    public void AHashDotNetDoesNotComputeHereIsLeftToBouncyCastle()
    {
        var prk = Bytes(64, 8);
        var info = Bytes(10, 9);

        var ours = _ours.CreateSecret(prk).HkdfExpand(CryptoHashAlgorithm.sha512, info, 80).Extract();
        var theirs = _theirs.CreateSecret(prk).HkdfExpand(CryptoHashAlgorithm.sha512, info, 80).Extract();

        Assert.Equal(theirs, ours);
        Assert.IsNotType<DotNetTlsHash>(_ours.CreateHash(CryptoHashAlgorithm.sha512));
        Assert.IsNotType<DotNetTlsSecret>(_ours.HkdfInit(CryptoHashAlgorithm.sha512));
    }

    [Fact]
    public void HkdfGivesRfc5869TestCase1()
    {
        var ikm = Convert.FromHexString("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        var salt = Convert.FromHexString("000102030405060708090a0b0c");
        var info = Convert.FromHexString("f0f1f2f3f4f5f6f7f8f9");

        var prk = _ours.CreateSecret(salt).HkdfExtract(CryptoHashAlgorithm.sha256, _ours.CreateSecret(ikm));
        var okm = prk.HkdfExpand(CryptoHashAlgorithm.sha256, info, 42).Extract();

        Assert.Equal("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865", Convert.ToHexString(okm).ToLowerInvariant());
    }

    [Fact]
    public void HkdfExtractConsumesTheSaltAsBouncyCastleDoes()
    {
        var salt = _ours.CreateSecret(Bytes(32, 10));
        var ikm = _ours.CreateSecret(Bytes(32, 11));

        salt.HkdfExtract(CryptoHashAlgorithm.sha256, ikm);

        Assert.False(salt.IsAlive());
        Assert.True(ikm.IsAlive());
    }

    private static (TlsSecret Early, byte[] Binder, byte[] Key, byte[] Traffic, byte[] Empty) Schedule(
        TlsCrypto crypto, int hash, int prf, byte[] shared, byte[] transcript)
    {
        var early = crypto.HkdfInit(hash).HkdfExtract(hash, crypto.HkdfInit(hash));
        var binderKey = early.DeriveUsingPrf(prf, "res binder", transcript, transcript.Length);
        var binder = binderKey.CalculateHmac(hash, transcript, 0, transcript.Length);
        var handshake = early.DeriveUsingPrf(prf, "derived", transcript, transcript.Length).HkdfExtract(hash, crypto.CreateSecret(shared));
        var traffic = handshake.DeriveUsingPrf(prf, "s hs traffic", transcript, transcript.Length);
        var key = TlsCryptoUtilities.HkdfExpandLabel(traffic, hash, "key", Array.Empty<byte>(), 16).Extract();
        var empty = traffic.HkdfExpand(hash, Array.Empty<byte>(), 0).Length;
        return (early, binder, key, traffic.Extract(), new byte[empty]);
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
