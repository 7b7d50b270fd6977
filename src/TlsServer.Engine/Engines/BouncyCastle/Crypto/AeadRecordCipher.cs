using System.Buffers.Binary;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl;

namespace TlsServer.Engine.Engines.BouncyCastle.Crypto;

/// <summary>
/// BouncyCastle's TLS 1.2/1.3 AEAD record cipher on <see cref="DotNetAeadCipher"/>, which can also seal and open
/// application_data records itself, straight between the caller's buffers (<see cref="ApplicationRecords"/>). Both
/// share one sequence number per direction: BouncyCastle's record layer counts only the records it wrote or read,
/// so the records sealed or opened here are added to the number it passes in. A key update resets both.
/// </summary>
internal sealed class AeadRecordCipher : TlsAeadCipher
{
    private const int HeaderLength = 5;
    private const int NonceLength = 12;

    private readonly DotNetAeadCipher _sealer;
    private readonly DotNetAeadCipher _opener;
    private long _writtenHere;
    private long _readHere;

    public AeadRecordCipher(TlsCryptoParameters cryptoParams, DotNetAeadCipher encrypt, DotNetAeadCipher decrypt, int keySize, int macSize, int aeadType)
        : base(cryptoParams, encrypt, decrypt, keySize, macSize, aeadType)
    {
        _sealer = encrypt;
        _opener = decrypt;
    }

    /// <summary>The sequence number of the next record written, whoever writes it.</summary>
    public long NextWriteSequence { get; private set; }

    /// <summary>The sequence number of the next record read, whoever reads it.</summary>
    public long NextReadSequence { get; private set; }

    public bool IsTls13 => m_isTlsV13;

    /// <summary>The bytes a record carrying <paramref name="plaintextLength"/> bytes of application data takes on the wire.</summary>
    public int RecordLength(int plaintextLength) =>
        HeaderLength + m_record_iv_length + plaintextLength + (m_isTlsV13 ? 1 : 0) + m_macSize;

    /// <summary>The smallest record payload that can hold an application_data record (empty ones are allowed).</summary>
    public int MinimumPayload => m_record_iv_length + (m_isTlsV13 ? 1 : 0) + m_macSize;

    /// <summary>The room <see cref="Open"/> needs for a record of <paramref name="payloadLength"/> bytes (TLS 1.3: the content type too).</summary>
    public int OpenLength(int payloadLength) => payloadLength - m_record_iv_length - m_macSize;

    public override TlsEncodeResult EncodePlaintext(long seqNo, short contentType, ProtocolVersion recordVersion, int headerAllocation,
        ReadOnlySpan<byte> plaintext)
    {
        long sequence = seqNo + _writtenHere;
        var result = base.EncodePlaintext(sequence, contentType, recordVersion, headerAllocation, plaintext);
        NextWriteSequence = sequence + 1;
        return result;
    }

    public override TlsDecodeResult DecodeCiphertext(long seqNo, short recordType, ProtocolVersion recordVersion, byte[] ciphertext, int offset, int len)
    {
        long sequence = seqNo + _readHere;
        var result = base.DecodeCiphertext(sequence, recordType, recordVersion, ciphertext, offset, len);
        NextReadSequence = sequence + 1;
        return result;
    }

    public override void RekeyEncoder()
    {
        base.RekeyEncoder();
        _writtenHere = 0;
        NextWriteSequence = 0;
    }

    public override void RekeyDecoder()
    {
        base.RekeyDecoder();
        _readHere = 0;
        NextReadSequence = 0;
    }

    /// <summary>Writes one application_data record holding <paramref name="plaintext"/> into <paramref name="record"/>.</summary>
    /// <returns>The record's length, <see cref="RecordLength"/>.</returns>
    public int Seal(ReadOnlySpan<byte> plaintext, Span<byte> record)
    {
        long sequence = NextWriteSequence;
        int length = RecordLength(plaintext.Length);
        int payloadLength = length - HeaderLength;
        WriteHeader(record, payloadLength);
        Span<byte> nonce = stackalloc byte[NonceLength];
        Nonce(m_encryptNonce, sequence, nonce);
        var body = record[(HeaderLength + m_record_iv_length)..length];
        nonce[^m_record_iv_length..].CopyTo(record[HeaderLength..]);
        int innerLength = body.Length - m_macSize;
        var inner = body[..innerLength];
        if (m_isTlsV13)
        {
            // TLSInnerPlaintext: the content and its type, sealed in place.
            plaintext.CopyTo(inner);
            inner[^1] = (byte)ContentType.application_data;
            plaintext = inner;
        }

        Span<byte> aad = stackalloc byte[13];
        _sealer.Seal(nonce, plaintext, inner, body[innerLength..], AdditionalData(record, sequence, innerLength, aad));
        _writtenHere++;
        NextWriteSequence = sequence + 1;
        return length;
    }

    /// <summary>
    /// Opens the application_data record <paramref name="record"/> (header and payload) into <paramref name="plaintext"/>,
    /// which has room for <see cref="OpenLength"/> of its payload.
    /// </summary>
    /// <returns>
    /// The plaintext's length; -1, with nothing changed, when the record does not open or holds anything but
    /// application data (TLS 1.3 hides the type inside): BouncyCastle then reads it and answers as it does.
    /// </returns>
    public int Open(ReadOnlySpan<byte> record, Span<byte> plaintext)
    {
        long sequence = NextReadSequence;
        var payload = record[HeaderLength..];
        Span<byte> nonce = stackalloc byte[NonceLength];
        Nonce(m_decryptNonce, sequence, nonce);
        payload[..m_record_iv_length].CopyTo(nonce[^m_record_iv_length..]);
        var body = payload[m_record_iv_length..];
        int innerLength = body.Length - m_macSize;
        var inner = plaintext[..innerLength];
        Span<byte> aad = stackalloc byte[13];
        if (!_opener.TryOpen(nonce, body[..innerLength], body[innerLength..], inner, AdditionalData(record, sequence, innerLength, aad)))
        {
            return -1;
        }

        int length = innerLength;
        if (m_isTlsV13)
        {
            // TLSInnerPlaintext: the content, the real type, then zeros of padding.
            do
            {
                if (--length < 0)
                {
                    return -1;
                }
            }
            while (inner[length] == 0);

            if (inner[length] != ContentType.application_data)
            {
                return -1;
            }
        }

        _readHere++;
        NextReadSequence = sequence + 1;
        return length;
    }

    /// <summary>RFC 5288's salt followed by the explicit part (the sequence number), or RFC 7905's and TLS 1.3's IV XOR the sequence number.</summary>
    private void Nonce(byte[] iv, long sequence, Span<byte> nonce)
    {
        if (m_record_iv_length != 0)
        {
            iv.CopyTo(nonce);
            BinaryPrimitives.WriteInt64BigEndian(nonce[iv.Length..], sequence);
            return;
        }

        nonce.Clear();
        BinaryPrimitives.WriteInt64BigEndian(nonce[4..], sequence);
        for (int i = 0; i < NonceLength; i++)
        {
            nonce[i] ^= iv[i];
        }
    }

    private static void WriteHeader(Span<byte> record, int payloadLength)
    {
        record[0] = (byte)ContentType.application_data;
        record[1] = 3;
        record[2] = 3;
        BinaryPrimitives.WriteUInt16BigEndian(record[3..], (ushort)payloadLength);
    }

    /// <summary>TLS 1.3: the record header. TLS 1.2: the sequence number, the header's type and version, and the plaintext length.</summary>
    private ReadOnlySpan<byte> AdditionalData(ReadOnlySpan<byte> record, long sequence, int plaintextLength, Span<byte> aad)
    {
        if (m_isTlsV13)
        {
            return record[..HeaderLength];
        }

        BinaryPrimitives.WriteInt64BigEndian(aad, sequence);
        record[..3].CopyTo(aad[8..]);
        BinaryPrimitives.WriteUInt16BigEndian(aad[11..], (ushort)plaintextLength);
        return aad;
    }
}
