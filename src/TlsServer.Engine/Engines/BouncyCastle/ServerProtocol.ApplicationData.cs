using Org.BouncyCastle.Tls;
using TlsServer.Engine.Engines.BouncyCastle.Crypto;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>
/// What <see cref="ApplicationRecords"/> needs to seal and open application data beside BouncyCastle's record layer:
/// the cipher in use, the record size limits, the input BouncyCastle holds, and the TLS 1.3 KeyUpdate it would send
/// before the next application data.
/// </summary>
internal partial class ServerProtocol
{
    /// <summary>Records written under one TLS 1.3 key before BouncyCastle updates it (its own threshold).</summary>
    public const long KeyUpdateAfterRecords = 1L << 20;

    private const int DefaultPlaintextLimit = 1 << 14;

    /// <summary>The client asked for our KeyUpdate (update_requested): it goes before the next application data.</summary>
    private bool _keyUpdatePendingSend;

    /// <summary>The cipher protecting application data both ways once the handshake is done; null before, once closed, or for other ciphers.</summary>
    public AeadRecordCipher? ApplicationCipher =>
        IsConnected && !IsClosed && Crypto.Ciphers.Count > 0 && Crypto.Ciphers[^1].Cipher is AeadRecordCipher cipher ? cipher : null;

    /// <summary>The most plaintext a record may carry either way: 2^14, or what the client asked for with max_fragment_length.</summary>
    public int PlaintextLimit =>
        Context.SecurityParameters.MaxFragmentLength is >= 0 and var code ? 1 << (8 + code) : DefaultPlaintextLimit;

    /// <summary>Whether BouncyCastle holds the start of a record it has not read yet.</summary>
    public bool HoldsInput => m_inputBuffers.Available > 0;

    /// <summary>
    /// How many bytes of <paramref name="input"/> finish the record BouncyCastle holds the start of, or make up the
    /// next record when it holds none; all of <paramref name="input"/> when that record does not end inside it.
    /// </summary>
    public int NextRecordLength(ReadOnlySpan<byte> input)
    {
        int held = m_inputBuffers.Available;
        int peeked = m_inputBuffers.Peek(_header);
        if (peeked + input.Length < _header.Length)
        {
            return input.Length;
        }

        input[..(_header.Length - peeked)].CopyTo(_header.AsSpan(peeked));
        return Math.Min(_header.Length + Length(_header) - held, input.Length);
    }

    /// <summary>What BouncyCastle writes before application data: the KeyUpdate the client asked for, or its own when the key is worn.</summary>
    public void PrepareApplicationWrite(AeadRecordCipher cipher)
    {
        if (!cipher.IsTls13)
        {
            return;
        }

        if (_keyUpdatePendingSend)
        {
            Send13KeyUpdate(false);
        }
        else if (cipher.NextWriteSequence >= KeyUpdateAfterRecords)
        {
            Send13KeyUpdate(true);
        }
    }

    private static bool RequestsUpdate(MemoryStream keyUpdate)
    {
        long start = keyUpdate.Position;
        int request = keyUpdate.ReadByte();
        keyUpdate.Position = start;
        return request == KeyUpdateRequest.update_requested;
    }
}
