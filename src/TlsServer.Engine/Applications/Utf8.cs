namespace TlsServer.Engine.Applications;

internal static class Utf8
{
    /// <summary>How many bytes at the end of <paramref name="data"/> start a UTF-8 character that is not complete yet.</summary>
    public static int IncompleteTailLength(ReadOnlySpan<byte> data)
    {
        for (int back = 1; back <= Math.Min(3, data.Length); back++)
        {
            byte b = data[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue; // a continuation byte: look further back for the lead byte
            }

            int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? back : 0;
        }

        return 0;
    }
}
