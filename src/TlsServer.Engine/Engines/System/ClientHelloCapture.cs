using TlsServer.Engine.Diagnostics;

namespace TlsServer.Engine.Engines.Platform;

/// <summary>
/// Reassembles the client's first handshake message from the records it arrives in, before SslStream decrypts
/// anything: the ClientHello is the one message an engine that hides its messages still lets us see.
/// </summary>
internal sealed class ClientHelloCapture
{
    /// <summary>The most bytes looked at; a ClientHello that has not arrived by then is not captured.</summary>
    public const int ByteLimit = 64 * 1024;

    private const byte HandshakeRecord = 22;
    private const byte ClientHelloType = 1;
    private readonly MemoryStream _records = new();
    private readonly MemoryStream _message = new();
    private int _parsed;

    /// <summary>True once the hello has been captured or given up on.</summary>
    public bool Done { get; private set; }

    /// <summary>The ClientHello message (header included), once whole; null before or when it never came.</summary>
    public byte[]? Message { get; private set; }

    public void Add(ReadOnlySpan<byte> received)
    {
        if (Done)
        {
            return;
        }

        _records.Write(received);
        var data = _records.GetBuffer().AsSpan(0, (int)_records.Length);
        while (data.Length - _parsed >= 5)
        {
            var header = data.Slice(_parsed, 5);
            int length = (header[3] << 8) | header[4];
            if (header[0] != HandshakeRecord)
            {
                Done = true;
                return;
            }

            if (data.Length - _parsed - 5 < length)
            {
                break;
            }

            _message.Write(data.Slice(_parsed + 5, length));
            _parsed += 5 + length;
            if (TryComplete())
            {
                return;
            }
        }

        Done = _records.Length >= ByteLimit;
    }

    private bool TryComplete()
    {
        if (_message.Length < 4)
        {
            return false;
        }

        var m = _message.GetBuffer();
        if (m[0] != ClientHelloType)
        {
            Done = true;
            return true;
        }

        int length = 4 + ((m[1] << 16) | (m[2] << 8) | m[3]);
        if (_message.Length < length)
        {
            return false;
        }

        Message = m.AsSpan(0, length).ToArray();
        Done = true;
        return true;
    }

    /// <summary>Parses the captured message; null when it is not a well-formed ClientHello.</summary>
    public TlsClientHello? Parse() => Message is null ? null : ClientHelloParser.TryParse(Message);
}
