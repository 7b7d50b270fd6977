using System.Security.Cryptography;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl;

namespace TlsServer.Engine.Engines.BouncyCastle.Crypto;

/// <summary>
/// One direction of a TLS AEAD record cipher on .NET's <see cref="AesGcm"/> or <see cref="ChaCha20Poly1305"/>
/// (OpenSSL, CNG or CommonCrypto underneath). The key schedule is made once per key, not once per record.
/// BouncyCastle's <see cref="TlsAeadCipher"/> (and <see cref="AeadRecordCipher"/> for application data) builds nonces
/// and additional data; this only seals and opens.
/// </summary>
internal sealed class DotNetAeadCipher : TlsAeadCipherImpl
{
    private readonly AeadAlgorithm _algorithm;
    private readonly bool _encrypt;
    private readonly int _tagSize;
    private IDisposable? _cipher;
    private byte[] _nonce = Array.Empty<byte>();

    public DotNetAeadCipher(AeadAlgorithm algorithm, bool encrypt, int tagSize)
    {
        _algorithm = algorithm;
        _encrypt = encrypt;
        _tagSize = tagSize;
    }

    public static bool IsSupported(AeadAlgorithm algorithm) => algorithm switch
    {
        AeadAlgorithm.AesGcm => AesGcm.IsSupported,
        AeadAlgorithm.ChaCha20Poly1305 => ChaCha20Poly1305.IsSupported,
        _ => false,
    };

    public void SetKey(byte[] key, int keyOff, int keyLen) => SetKey(key.AsSpan(keyOff, keyLen));

    public void SetKey(ReadOnlySpan<byte> key)
    {
        var previous = _cipher;
        _cipher = _algorithm == AeadAlgorithm.AesGcm
            ? new AesGcm(key, _tagSize)
            : new ChaCha20Poly1305(key);
        previous?.Dispose();
    }

    public void Init(byte[] nonce, int macSize, byte[] additionalData)
    {
        if (macSize != _tagSize || additionalData is { Length: > 0 })
        {
            throw new TlsFatalAlert(AlertDescription.internal_error, $"unexpected AEAD parameters (tag {macSize} bytes)");
        }

        _nonce = nonce;
    }

    public int GetOutputSize(int inputLength) => _encrypt ? inputLength + _tagSize : Math.Max(0, inputLength - _tagSize);

    public int DoFinal(byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset) =>
        DoFinal(null, input, inputOffset, inputLength, output, outputOffset);

    public int DoFinal(byte[]? additionalData, byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset)
    {
        var aad = additionalData.AsSpan();
        if (_encrypt)
        {
            var plaintext = input.AsSpan(inputOffset, inputLength);
            Seal(_nonce, plaintext, output.AsSpan(outputOffset, inputLength), output.AsSpan(outputOffset + inputLength, _tagSize), aad);
            return inputLength + _tagSize;
        }

        int length = inputLength - _tagSize;
        if (length < 0)
        {
            throw new TlsFatalAlert(AlertDescription.bad_record_mac);
        }

        if (!TryOpen(_nonce, input.AsSpan(inputOffset, length), input.AsSpan(inputOffset + length, _tagSize), output.AsSpan(outputOffset, length), aad))
        {
            throw new TlsFatalAlert(AlertDescription.bad_record_mac);
        }

        return length;
    }

    public void Reset()
    {
    }

    public int TagSize => _tagSize;

    /// <summary>Seals with the current key; <paramref name="plaintext"/> may be <paramref name="ciphertext"/> itself.</summary>
    public void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> aad)
    {
        switch (_cipher)
        {
            case AesGcm gcm:
                gcm.Encrypt(nonce, plaintext, ciphertext, tag, aad);
                break;
            case ChaCha20Poly1305 chacha:
                chacha.Encrypt(nonce, plaintext, ciphertext, tag, aad);
                break;
            default:
                throw new TlsFatalAlert(AlertDescription.internal_error, "AEAD key not set");
        }
    }

    /// <summary>Opens with the current key; false when the tag does not match (the plaintext is then cleared).</summary>
    public bool TryOpen(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> aad)
    {
        try
        {
            switch (_cipher)
            {
                case AesGcm gcm:
                    gcm.Decrypt(nonce, ciphertext, tag, plaintext, aad);
                    return true;
                case ChaCha20Poly1305 chacha:
                    chacha.Decrypt(nonce, ciphertext, tag, plaintext, aad);
                    return true;
                default:
                    throw new TlsFatalAlert(AlertDescription.internal_error, "AEAD key not set");
            }
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
