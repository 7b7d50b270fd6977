using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Tls.Crypto.Impl;
using Org.BouncyCastle.Tls;
using TlsServer.Engine.Engines.BouncyCastle.Crypto;

namespace TlsServer.Engine.Tests.Crypto;

/// <summary>The .NET record ciphers give byte for byte what BouncyCastle's own give, and refuse tampered records.</summary>
public sealed class DotNetAeadCipherTests
{
    public static TheoryData<string, int> Ciphers => new()
    {
        { nameof(AeadAlgorithm.AesGcm), 16 },
        { nameof(AeadAlgorithm.AesGcm), 32 },
        { nameof(AeadAlgorithm.ChaCha20Poly1305), 32 },
    };

    [Theory]
    [MemberData(nameof(Ciphers))]
    public void SealsExactlyAsBouncyCastleAndOpensItsRecords(string name, int keySize)
    {
        var algorithm = Enum.Parse<AeadAlgorithm>(name);
        if (!DotNetAeadCipher.IsSupported(algorithm))
        {
            return; // the engine falls back to BouncyCastle on such a platform; nothing of ours runs
        }

        var (key, nonce, aad, plaintext) = Inputs(keySize, 1000);
        var ours = new DotNetAeadCipher(algorithm, encrypt: true, tagSize: 16);
        var sealedOurs = Seal(ours, key, nonce, aad, plaintext);
        var sealedTheirs = BouncyCastleSeal(algorithm, key, nonce, aad, plaintext);
        Assert.Equal(sealedTheirs, sealedOurs);

        var opener = new DotNetAeadCipher(algorithm, encrypt: false, tagSize: 16);
        opener.SetKey(key);
        opener.Init(nonce, 16, null!);
        var record = Prefixed(sealedTheirs, 5);
        Assert.Equal(plaintext.Length, opener.GetOutputSize(sealedTheirs.Length));
        int length = opener.DoFinal(aad, record, 5, sealedTheirs.Length, record, 5);
        Assert.Equal(plaintext, record.AsSpan(5, length).ToArray());
    }

    [Theory]
    [MemberData(nameof(Ciphers))]
    public void ARecordWithOneBitChangedIsABadRecordMac(string name, int keySize)
    {
        var algorithm = Enum.Parse<AeadAlgorithm>(name);
        if (!DotNetAeadCipher.IsSupported(algorithm))
        {
            return;
        }

        var (key, nonce, aad, plaintext) = Inputs(keySize, 64);
        var sealedRecord = Seal(new DotNetAeadCipher(algorithm, true, 16), key, nonce, aad, plaintext);
        foreach (int position in new[] { 0, plaintext.Length - 1, sealedRecord.Length - 1 })
        {
            var tampered = (byte[])sealedRecord.Clone();
            tampered[position] ^= 0x01;
            var opener = new DotNetAeadCipher(algorithm, false, 16);
            opener.SetKey(key);
            opener.Init(nonce, 16, null!);

            var alert = Assert.Throws<TlsFatalAlert>(() => opener.DoFinal(aad, tampered, 0, tampered.Length, tampered, 0));
            Assert.Equal(AlertDescription.bad_record_mac, alert.AlertDescription);
        }
    }

    [Fact]
    public void ARecordShorterThanItsTagIsABadRecordMac()
    {
        var opener = new DotNetAeadCipher(AeadAlgorithm.AesGcm, false, 16);
        opener.SetKey(new byte[16]);
        opener.Init(new byte[12], 16, null!);

        var alert = Assert.Throws<TlsFatalAlert>(() => opener.DoFinal(null, new byte[15], 0, 15, new byte[15], 0));
        Assert.Equal(AlertDescription.bad_record_mac, alert.AlertDescription);
    }

    [Fact]
    public void ANewKeyReplacesTheOld()
    {
        var (key, nonce, aad, plaintext) = Inputs(16, 32);
        var cipher = new DotNetAeadCipher(AeadAlgorithm.AesGcm, true, 16);
        var first = Seal(cipher, key, nonce, aad, plaintext);
        var otherKey = key.Select(b => (byte)(b ^ 0xFF)).ToArray();

        Assert.NotEqual(first, Seal(cipher, otherKey, nonce, aad, plaintext));
        Assert.Equal(first, Seal(cipher, key, nonce, aad, plaintext));
    }

    private static byte[] Seal(TlsAeadCipherImpl cipher, byte[] key, byte[] nonce, byte[] aad, byte[] plaintext)
    {
        cipher.SetKey(key, 0, key.Length);
        cipher.Init(nonce, 16, null!);
        int size = cipher.GetOutputSize(plaintext.Length);
        // In place, at an offset, as TlsAeadCipher calls it.
        var buffer = new byte[3 + size];
        plaintext.CopyTo(buffer, 3);
        int written = cipher.DoFinal(aad, buffer, 3, plaintext.Length, buffer, 3);
        Assert.Equal(size, written);
        return buffer.AsSpan(3, written).ToArray();
    }

    private static byte[] BouncyCastleSeal(AeadAlgorithm algorithm, byte[] key, byte[] nonce, byte[] aad, byte[] plaintext)
    {
        IAeadCipher cipher = algorithm == AeadAlgorithm.AesGcm ? new GcmBlockCipher(new AesEngine()) : new ChaCha20Poly1305();
        cipher.Init(true, new AeadParameters(new KeyParameter(key), 128, nonce, aad));
        var output = new byte[cipher.GetOutputSize(plaintext.Length)];
        int written = cipher.ProcessBytes(plaintext, 0, plaintext.Length, output, 0);
        cipher.DoFinal(output, written);
        return output;
    }

    private static (byte[] Key, byte[] Nonce, byte[] Aad, byte[] Plaintext) Inputs(int keySize, int length)
    {
        var random = new Random(keySize * 7919 + length);
        byte[] Bytes(int n)
        {
            var b = new byte[n];
            random.NextBytes(b);
            return b;
        }

        return (Bytes(keySize), Bytes(12), Bytes(13), Bytes(length));
    }

    private static byte[] Prefixed(byte[] data, int offset)
    {
        var buffer = new byte[offset + data.Length];
        data.CopyTo(buffer, offset);
        return buffer;
    }
}
