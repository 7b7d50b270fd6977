using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;

namespace TlsServer.Engine.Engines.BouncyCastle.Crypto;

/// <summary>
/// A record cipher that tells an <see cref="IDecryptedRecordObserver"/> what it decrypted. BouncyCastle hides the
/// plaintext records from its protocol subclasses (they see whole handshake messages only), and TLS 1.3 hides their
/// content type inside the encryption, so this is the one place a connection can see its records' boundaries.
/// </summary>
internal sealed class ObservedCipher : ForwardingCipher
{
    private readonly IDecryptedRecordObserver _observer;

    public ObservedCipher(TlsCipher inner, IDecryptedRecordObserver observer)
        : base(inner) => _observer = observer;

    /// <summary>The cipher watched.</summary>
    public TlsCipher Cipher => Inner;

    public override TlsDecodeResult DecodeCiphertext(long seqNo, short recordType, ProtocolVersion recordVersion, byte[] ciphertext, int offset, int len)
    {
        var decoded = Inner.DecodeCiphertext(seqNo, recordType, recordVersion, ciphertext, offset, len);
        _observer.OnDecrypted(decoded.contentType, decoded.buf.AsSpan(decoded.off, decoded.len));
        return decoded;
    }

    /// <summary>Whether the record would decrypt as the next one under this key (RFC 8446 4.2.10's trial decryption); nothing changes.</summary>
    public bool CanDecrypt(long seqNo, short recordType, ProtocolVersion recordVersion, ReadOnlySpan<byte> ciphertext)
    {
        try
        {
            var copy = ciphertext.ToArray();
            Inner.DecodeCiphertext(seqNo, recordType, recordVersion, copy, 0, copy.Length);
            return true;
        }
        catch (TlsFatalAlert)
        {
            return false;
        }
    }
}
