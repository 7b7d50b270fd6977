using System.Globalization;
using System.Text;

namespace TlsServer.Engine.Applications;

/// <summary>
/// s_server -rev: each line the client sends comes back reversed, ended by LF; a line that reads CLOSE ends the
/// connection. Lines longer than <see cref="MaxLineBytes"/> are reversed in pieces of that size, as s_server does.
/// </summary>
internal sealed class ReverseApplication : IApplication
{
    /// <summary>The longest line kept before it is answered in pieces (s_server's buffer size).</summary>
    public const int MaxLineBytes = 16 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private readonly IConnectionChannel _channel;
    private readonly List<byte> _pending = new();
    private bool _closing;

    public ReverseApplication(IConnectionChannel channel) => _channel = channel;

    public async ValueTask OnDataAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (_closing)
        {
            return;
        }

        _pending.AddRange(data.Span);
        var reply = new List<byte>();
        while (TakeLine() is { } line)
        {
            if (line.AsSpan().SequenceEqual("CLOSE"u8))
            {
                _closing = true;
                break;
            }

            reply.AddRange(Reverse(line));
            reply.Add((byte)'\n');
        }

        if (reply.Count > 0)
        {
            await _channel.SendAsync(reply.ToArray(), cancellationToken).ConfigureAwait(false);
        }

        if (_closing)
        {
            _channel.RequestClose("the client sent CLOSE");
        }
    }

    /// <summary>
    /// Reverses text by characters as a reader sees them (so UTF-8 and combining marks survive); bytes that are not
    /// UTF-8 are reversed byte by byte.
    /// </summary>
    public static byte[] Reverse(byte[] line)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(line);
        }
        catch (DecoderFallbackException)
        {
            var reversed = line.ToArray();
            Array.Reverse(reversed);
            return reversed;
        }

        var elements = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            elements.Add(enumerator.GetTextElement());
        }

        elements.Reverse();
        return Encoding.UTF8.GetBytes(string.Concat(elements));
    }

    /// <summary>The next line without its line ending, or a piece of <see cref="MaxLineBytes"/>; null when none is complete.</summary>
    private byte[]? TakeLine()
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pending);
        int newline = span.IndexOf((byte)'\n');
        bool whole = newline >= 0 && newline <= MaxLineBytes;
        if (!whole && span.Length < MaxLineBytes)
        {
            return null;
        }

        int length = whole ? newline : MaxLineBytes;
        int taken = whole ? newline + 1 : length;
        var line = span[..length].TrimEnd("\r\n"u8).ToArray();
        _pending.RemoveRange(0, taken);
        return line;
    }
}
