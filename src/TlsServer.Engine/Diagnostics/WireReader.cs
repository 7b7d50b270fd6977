namespace TlsServer.Engine.Diagnostics;

/// <summary>Reads the big-endian, length-prefixed fields of TLS messages; throws FormatException past the end.</summary>
internal ref struct WireReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public WireReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public int Remaining => _data.Length - _position;

    public int U8() => Take(1)[0];

    public int U16()
    {
        var b = Take(2);
        return (b[0] << 8) | b[1];
    }

    public int U24()
    {
        var b = Take(3);
        return (b[0] << 16) | (b[1] << 8) | b[2];
    }

    public ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new FormatException("The message ends early.");
        }

        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    public ReadOnlySpan<byte> Vector8() => Take(U8());

    public ReadOnlySpan<byte> Vector16() => Take(U16());

    public ReadOnlySpan<byte> Vector24() => Take(U24());

    /// <summary>A vector of 16-bit values (cipher suites, groups, signature schemes).</summary>
    public static List<int> U16List(ReadOnlySpan<byte> data)
    {
        var values = new List<int>(data.Length / 2);
        for (int i = 0; i + 1 < data.Length; i += 2)
        {
            values.Add((data[i] << 8) | data[i + 1]);
        }

        return values;
    }
}
