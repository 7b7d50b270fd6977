using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;

namespace TlsServer.Engine.Engines.BouncyCastle.Crypto;

/// <summary>A record cipher that passes every call to another; subclasses watch or change what they need.</summary>
internal abstract class ForwardingCipher : TlsCipher, TlsCipherExt
{
    protected ForwardingCipher(TlsCipher inner) => Inner = inner;

    protected TlsCipher Inner { get; }

    public bool UsesOpaqueRecordType => Inner.UsesOpaqueRecordType;

    public int GetCiphertextDecodeLimit(int plaintextLimit) => Inner.GetCiphertextDecodeLimit(plaintextLimit);

    public int GetCiphertextEncodeLimit(int plaintextLength, int plaintextLimit) => Inner.GetCiphertextEncodeLimit(plaintextLength, plaintextLimit);

    public int GetPlaintextLimit(int ciphertextLimit) => Inner.GetPlaintextLimit(ciphertextLimit);

    public int GetPlaintextDecodeLimit(int ciphertextLimit) =>
        Inner is TlsCipherExt ext ? ext.GetPlaintextDecodeLimit(ciphertextLimit) : Inner.GetPlaintextLimit(ciphertextLimit);

    public int GetPlaintextEncodeLimit(int ciphertextLimit) =>
        Inner is TlsCipherExt ext ? ext.GetPlaintextEncodeLimit(ciphertextLimit) : Inner.GetPlaintextLimit(ciphertextLimit);

    public TlsEncodeResult EncodePlaintext(long seqNo, short contentType, ProtocolVersion recordVersion, int headerAllocation,
        byte[] plaintext, int offset, int len) =>
        EncodePlaintext(seqNo, contentType, recordVersion, headerAllocation, plaintext.AsSpan(offset, len));

    public virtual TlsEncodeResult EncodePlaintext(long seqNo, short contentType, ProtocolVersion recordVersion, int headerAllocation,
        ReadOnlySpan<byte> plaintext) =>
        Inner.EncodePlaintext(seqNo, contentType, recordVersion, headerAllocation, plaintext);

    public virtual TlsDecodeResult DecodeCiphertext(long seqNo, short recordType, ProtocolVersion recordVersion, byte[] ciphertext, int offset, int len) =>
        Inner.DecodeCiphertext(seqNo, recordType, recordVersion, ciphertext, offset, len);

    public void RekeyDecoder() => Inner.RekeyDecoder();

    public void RekeyEncoder() => Inner.RekeyEncoder();
}
