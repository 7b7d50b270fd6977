namespace TlsServer.Engine.Applications;

/// <summary>Collects bytes until a complete request head ("\r\n\r\n") is there, up to a size limit.</summary>
internal sealed class HttpRequestFramer
{
    public const int MaxHeadBytes = 16 * 1024;
    private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();

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
        int end = span.IndexOf(EndOfHead);
        if (end < 0)
        {
            return null;
        }

        var head = span[..end].ToArray();
        _pending.RemoveRange(0, end + EndOfHead.Length);
        return head;
    }
}
