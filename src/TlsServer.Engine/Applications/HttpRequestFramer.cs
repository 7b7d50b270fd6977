namespace TlsServer.Engine.Applications;

/// <summary>
/// Collects bytes until a complete request head is there (up to its empty line), up to a size limit. Lines end in CRLF or,
/// as RFC 9112 2.2 allows and s_server accepts, a bare LF.
/// </summary>
internal sealed class HttpRequestFramer
{
    public const int MaxHeadBytes = 16 * 1024;

    private readonly List<byte> _pending = new();

    public bool Overflowed => _pending.Count > MaxHeadBytes;

    public void Append(ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
        {
            _pending.Add(b);
        }
    }

    /// <summary>Removes and returns the next complete head, without the blank line; null when none is complete.</summary>
    public byte[]? TakeHead()
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pending);
        for (int lineEnd = span.IndexOf((byte)'\n'); lineEnd >= 0; lineEnd = NextLineEnd(span, lineEnd))
        {
            // The empty line: this LF follows the previous one, or a CR that follows it.
            int next = lineEnd + 1;
            int blank = next < span.Length && span[next] == '\r' ? next + 1 : next;
            if (blank < span.Length && span[blank] == '\n')
            {
                var head = span[..(lineEnd > 0 && span[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd)].ToArray();
                _pending.RemoveRange(0, blank + 1);
                return head;
            }
        }

        return null;
    }

    private static int NextLineEnd(ReadOnlySpan<byte> span, int after)
    {
        int next = span[(after + 1)..].IndexOf((byte)'\n');
        return next < 0 ? -1 : after + 1 + next;
    }
}
