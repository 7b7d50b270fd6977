namespace TlsServer.Engine;

/// <summary>
/// One protocol message of a session as it crossed (s_server -msg): a handshake message, an alert or a
/// ChangeCipherSpec, with its plaintext bytes and a decoded summary.
/// </summary>
public sealed class TlsMessage
{
    internal TlsMessage(int index, DateTimeOffset time, MessageDirection direction, string contentType,
        string? handshakeType, byte[] data, string summary, string? version)
    {
        Version = version;
        Index = index;
        Time = time;
        Direction = direction;
        ContentType = contentType;
        HandshakeType = handshakeType;
        Data = data;
        Summary = summary;
    }

    /// <summary>The position in the session, from 0.</summary>
    public int Index { get; }

    public DateTimeOffset Time { get; }

    public MessageDirection Direction { get; }

    /// <summary>The record content type: handshake, alert or change_cipher_spec.</summary>
    public string ContentType { get; }

    /// <summary>For handshake messages, the type as RFC 8446 names it (client_hello, server_hello…).</summary>
    public string? HandshakeType { get; }

    /// <summary>The length of the message body (for handshake messages, without the 4-byte header).</summary>
    public int Length => HandshakeType is null ? Data.Length : Math.Max(0, Data.Length - 4);

    /// <summary>The plaintext bytes of the message (a handshake message with its header).</summary>
    public byte[] Data { get; }

    /// <summary>What the message says, decoded where known (versions, suites, groups, key shares, extensions).</summary>
    public string Summary { get; }

    /// <summary>The negotiated version once the ServerHello has settled it (TLSv1.2, TLSv1.3), null before.</summary>
    public string? Version { get; }

    /// <summary>The message as s_server -msg prints it: a header line, then the bytes in hex.</summary>
    public string ToTraceText() => Diagnostics.TraceText.Message(this);

    public override string ToString() =>
        $"{(Direction == MessageDirection.Sent ? ">>>" : "<<<")} {HandshakeType ?? ContentType} [{Length}] {Summary}";
}
