using System.Buffers;
using Org.BouncyCastle.Tls;
using TlsServer.Engine.Engines.BouncyCastle.Crypto;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>
/// Application data once the handshake is done, sealed and opened by the record cipher itself
/// (<see cref="AeadRecordCipher"/>, .NET's AES-GCM and ChaCha20-Poly1305) straight between the socket's buffers and
/// the application's, without BouncyCastle's record queues. Every other record, and any record this cannot open, goes
/// to BouncyCastle, which answers it as it always does; the two share the sequence numbers. Off for a connection with
/// faults (they shape records) and for other ciphers. Call only under the connection's writer lock.
/// </summary>
internal sealed class ApplicationRecords
{
    /// <summary>The most plaintext sealed into one send.</summary>
    public const int MaxSendBatch = 64 * 1024;

    private const int HeaderLength = 5;

    private readonly ServerProtocol _protocol;
    private readonly bool _enabled;

    public ApplicationRecords(ServerProtocol protocol, bool enabled)
    {
        _protocol = protocol;
        _enabled = enabled;
    }

    /// <summary>The cipher to seal and open with now, or null to leave every record to BouncyCastle.</summary>
    public AeadRecordCipher? Cipher => _enabled ? _protocol.ApplicationCipher : null;

    /// <summary>
    /// Seals the start of <paramref name="data"/> (up to <see cref="MaxSendBatch"/> bytes) into records of at most
    /// -MaxSendFragment (or the client's max_fragment_length) bytes each, in a pooled buffer for one send.
    /// </summary>
    /// <returns>How many bytes of <paramref name="data"/> were sealed.</returns>
    public int Seal(AeadRecordCipher cipher, ReadOnlySpan<byte> data, out byte[] output, out int length)
    {
        int fragment = Math.Min(_protocol.RecordLayer.MaxSendFragment, _protocol.PlaintextLimit);
        int taken = Math.Min(data.Length, Math.Max(fragment, MaxSendBatch / fragment * fragment));
        int records = (taken + fragment - 1) / fragment;
        output = ArrayPool<byte>.Shared.Rent(taken + (records * cipher.RecordLength(0)));
        length = 0;
        for (var rest = data[..taken]; !rest.IsEmpty;)
        {
            var piece = rest[..Math.Min(fragment, rest.Length)];
            _protocol.ObserveRecord(ContentType.application_data, piece);
            length += cipher.Seal(piece, output.AsSpan(length));
            rest = rest[piece.Length..];
        }

        return taken;
    }

    /// <summary>
    /// Opens the whole application_data records at the start of <paramref name="input"/> into <paramref name="received"/>,
    /// up to the first one this does not take (a partial record, another type, one that is too long or does not open).
    /// </summary>
    /// <returns>How many bytes of <paramref name="input"/> were read.</returns>
    public int Open(ReadOnlySpan<byte> input, ReceivedPlaintext received)
    {
        if (Cipher is not { } cipher || _protocol.HoldsInput || _protocol.Framing.InMessage)
        {
            return 0;
        }

        int limit = cipher.GetCiphertextDecodeLimit(_protocol.PlaintextLimit);
        int used = 0;
        while (input.Length - used >= HeaderLength)
        {
            var header = input.Slice(used, HeaderLength);
            int payload = (header[3] << 8) | header[4];
            if (header[0] != ContentType.application_data || header[1] != 3 || header[2] != 3
                || payload > limit || payload < cipher.MinimumPayload || input.Length - used < HeaderLength + payload)
            {
                break;
            }

            int room = cipher.OpenLength(payload);
            var plaintext = received.Reserve(room).AsSpan(received.Count, room);
            int length = cipher.Open(input.Slice(used, HeaderLength + payload), plaintext);
            if (length < 0)
            {
                break;
            }

            _protocol.OnDecrypted(ContentType.application_data, plaintext[..length]);
            received.Advance(length);
            used += HeaderLength + payload;
        }

        return used;
    }

    /// <summary>How much of <paramref name="input"/> BouncyCastle reads next: one record when this path is on, all of it when off.</summary>
    public int ForBouncyCastle(ReadOnlySpan<byte> input) =>
        Cipher is null ? input.Length : _protocol.NextRecordLength(input);
}
