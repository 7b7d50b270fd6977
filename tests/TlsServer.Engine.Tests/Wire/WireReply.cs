using Org.BouncyCastle.Tls;

namespace TlsServer.Engine.Tests.Wire;

/// <summary>
/// What a server answered, as far as a client without keys can tell: the first handshake message it sent (if any), then how
/// it ended: a plaintext alert, encrypted records, a close, or nothing before the deadline.
/// </summary>
internal sealed record WireReply(string? FirstMessage, bool Encrypted, string End)
{
    public const string Close = "close";
    public const string Timeout = "timeout";

    public static string AlertText(int level, int description) =>
        $"{(level == AlertLevel.fatal ? "fatal" : level == AlertLevel.warning ? "warning" : $"level {level}")} {AlertDescription.GetName((short)description)}";

    public override string ToString() =>
        string.Join(", ", new[] { FirstMessage, Encrypted ? "encrypted" : null, End }.Where(p => p is not null));

    /// <summary>Reads the server's records from the bytes it sent; <paramref name="end"/> says how the stream ended.</summary>
    public static WireReply Parse(ReadOnlySpan<byte> sent, string end)
    {
        string? first = null;
        bool encrypted = false;
        while (sent.Length >= 5)
        {
            int type = sent[0], length = (sent[3] << 8) | sent[4];
            if (sent.Length < 5 + length)
            {
                break;
            }

            var payload = sent.Slice(5, length);
            sent = sent[(5 + length)..];
            switch (type)
            {
                case WireBytes.Alert when payload.Length == 2 && !encrypted:
                    return new WireReply(first, encrypted, AlertText(payload[0], payload[1]));
                case WireBytes.Handshake when first is null && payload.Length >= 4:
                    first = MessageName(payload);
                    break;
                case WireBytes.ApplicationData:
                    encrypted = true;
                    break;
            }
        }

        return new WireReply(first, encrypted, end);
    }

    private static string MessageName(ReadOnlySpan<byte> message)
    {
        if (message[0] != HandshakeType.server_hello)
        {
            return HandshakeType.GetName((short)message[0]);
        }

        // A HelloRetryRequest is a ServerHello with RFC 8446's fixed random; supported_versions says TLS 1.3.
        var body = message[4..];
        if (body.Length >= 34 && body.Slice(2, 32).SequenceEqual(HelloRetryRandom))
        {
            return "hello_retry_request";
        }

        return body.IndexOf(new byte[] { 0x00, 0x2b, 0x00, 0x02, 0x03, 0x04 }) >= 0 ? "server_hello(TLS 1.3)" : $"server_hello(0x{body[0]:x2}{body[1]:x2})";
    }

    private static readonly byte[] HelloRetryRandom =
        WireBytes.Hex("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");
}
