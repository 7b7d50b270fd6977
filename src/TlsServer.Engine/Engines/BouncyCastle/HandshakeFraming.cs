using Org.BouncyCastle.Tls;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>
/// Follows the client's handshake messages across records, ahead of BouncyCastle, which sees only whole messages: it
/// enforces the size limits when a message's header arrives, refuses other records between the fragments of one message
/// (RFC 8446 5.1), and remembers for each message whether it ended its record, which the messages before a key change
/// must (RFC 8446 5.1).
/// </summary>
internal sealed class HandshakeFraming
{
    /// <summary>OpenSSL's largest ClientHello body (CLIENT_HELLO_MAX_LENGTH): hellos with many suites or padding are legitimate.</summary>
    public const int MaxClientHelloSize = 131_396;

    /// <summary>The words <see cref="Limits"/> recognises to count an oversized message.</summary>
    public const string OversizedMessage = "Handshake message length exceeds the maximum";

    private readonly int _maxMessageSize;
    private readonly byte[] _header = new byte[4];
    private readonly Queue<bool> _endedRecord = new();
    private int _headerFill;
    private int _remaining;

    /// <param name="maxMessageSize">The limit for every message but the ClientHello (-MaxHandshakeMessageSize).</param>
    public HandshakeFraming(int maxMessageSize) => _maxMessageSize = maxMessageSize;

    /// <summary>The largest message of any kind, for BouncyCastle's own check, which this one runs before.</summary>
    public int MaxAnyMessageSize => Math.Max(_maxMessageSize, MaxClientHelloSize);

    /// <summary>True while a message has begun and not ended.</summary>
    public bool InMessage => _headerFill > 0 || _remaining > 0;

    /// <summary>Takes one record's plaintext, before BouncyCastle processes it.</summary>
    /// <exception cref="TlsFatalAlert">unexpected_message for a record between fragments; decode_error for an oversized message.</exception>
    public void OnRecord(short contentType, ReadOnlySpan<byte> payload)
    {
        if (contentType != ContentType.handshake)
        {
            if (InMessage)
            {
                throw new TlsFatalAlert(AlertDescription.unexpected_message,
                    $"A {ContentType.GetText(contentType)} record came between the fragments of a handshake message.");
            }

            return;
        }

        while (!payload.IsEmpty)
        {
            if (_remaining == 0)
            {
                int take = Math.Min(4 - _headerFill, payload.Length);
                payload[..take].CopyTo(_header.AsSpan(_headerFill));
                _headerFill += take;
                payload = payload[take..];
                if (_headerFill < 4)
                {
                    return;
                }

                _remaining = (_header[1] << 16) | (_header[2] << 8) | _header[3];
                CheckSize(_header[0], _remaining);
                if (_remaining == 0)
                {
                    MessageEnded(payload.IsEmpty);
                }

                continue;
            }

            int body = Math.Min(_remaining, payload.Length);
            _remaining -= body;
            payload = payload[body..];
            if (_remaining == 0)
            {
                MessageEnded(payload.IsEmpty);
            }
        }
    }

    /// <summary>For the message BouncyCastle is about to handle (in order): whether it was the last one in its record.</summary>
    public bool TakeEndedRecord() => _endedRecord.Count == 0 || _endedRecord.Dequeue();

    private void CheckSize(byte type, int length)
    {
        int limit = type == HandshakeType.client_hello ? MaxClientHelloSize : _maxMessageSize;
        if (length > limit)
        {
            // RFC 8446 6.2: decode_error covers a message whose length is out of range. OpenSSL says illegal_parameter.
            throw new TlsFatalAlert(AlertDescription.decode_error,
                $"{OversizedMessage}: {HandshakeType.GetText(type)}, {length} > {limit}");
        }
    }

    private void MessageEnded(bool endedRecord)
    {
        _headerFill = 0;
        _endedRecord.Enqueue(endedRecord);
    }
}
