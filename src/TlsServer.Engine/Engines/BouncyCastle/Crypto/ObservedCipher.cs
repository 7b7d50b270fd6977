using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;

namespace TlsServer.Engine.Tls.Crypto;

/// <summary>
/// A record cipher that tells an <see cref="IDecryptedRecordObserver"/> what it decrypted. BouncyCastle hides the
/// plaintext records from its protocol subclasses (they see whole handshake messages only), and TLS 1.3 hides their
/// content type inside the encryption, so this is the one place a connection can see its records' boundaries.
/// </summary>
internal sealed class ObservedCipher : TlsCipher, TlsCipherExt
{
    private readonly TlsCipher _inner;
    private readonly IDecryptedRecordObserver _observer;

    public ObservedCipher(TlsCipher inner, IDecryptedRecordObserver observer)
    {
        _inner = inner;
        _observer = observer;
    }

    public bool UsesOpaqueRecordType => _inner.UsesOpaqueRecordType;

    public int GetCiphertextDecodeLimit(int plaintextLimit) => _inner.GetCiphertextDecodeLimit(plaintextLimit);

    public int GetCiphertextEncodeLimit(int plaintextLength, int plaintextLimit) => _inner.GetCiphertextEncodeLimit(plaintextLength, plaintextLimit);

    public int GetPlaintextLimit(int ciphertextLimit) => _inner.GetPlaintextLimit(ciphertextLimit);

    public int GetPlaintextDecodeLimit(int ciphertextLimit) =>
        _inner is TlsCipherExt ext ? ext.GetPlaintextDecodeLimit(ciphertextLimit) : _inner.GetPlaintextLimit(ciphertextLimit);

    public int GetPlaintextEncodeLimit(int ciphertextLimit) =>
        _inner is TlsCipherExt ext ? ext.GetPlaintextEncodeLimit(ciphertextLimit) : _inner.GetPlaintextLimit(ciphertextLimit);

    public TlsEncodeResult EncodePlaintext(long seqNo, short contentType, ProtocolVersion recordVersion, int headerAllocation,
        byte[] plaintext, int offset, int len) =>
        _inner.EncodePlaintext(seqNo, contentType, recordVersion, headerAllocation, plaintext, offset, len);

    public TlsEncodeResult EncodePlaintext(long seqNo, short contentType, ProtocolVersion recordVersion, int headerAllocation,
        ReadOnlySpan<byte> plaintext) =>
        _inner.EncodePlaintext(seqNo, contentType, recordVersion, headerAllocation, plaintext);

    public TlsDecodeResult DecodeCiphertext(long seqNo, short recordType, ProtocolVersion recordVersion, byte[] ciphertext, int offset, int len)
    {
        var decoded = _inner.DecodeCiphertext(seqNo, recordType, recordVersion, ciphertext, offset, len);
        _observer.OnDecrypted(decoded.contentType, decoded.buf.AsSpan(decoded.off, decoded.len));
        return decoded;
    }

    /// <summary>Whether the record would decrypt as the next one under this key (RFC 8446 4.2.10's trial decryption); nothing changes.</summary>
    public bool CanDecrypt(long seqNo, short recordType, ProtocolVersion recordVersion, ReadOnlySpan<byte> ciphertext)
    {
        try
        {
            var copy = ciphertext.ToArray();
            _inner.DecodeCiphertext(seqNo, recordType, recordVersion, copy, 0, copy.Length);
            return true;
        }
        catch (TlsFatalAlert)
        {
            return false;
        }
    }

    public void RekeyDecoder() => _inner.RekeyDecoder();

    public void RekeyEncoder() => _inner.RekeyEncoder();
}
