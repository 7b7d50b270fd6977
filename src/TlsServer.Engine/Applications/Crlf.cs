namespace TlsServer.Engine.Applications;

/// <summary>s_server -crlf: LF becomes CRLF in data sent; an LF that already follows a CR is left as it is.</summary>
internal static class Crlf
{
    public static byte[] Expand(ReadOnlySpan<byte> data)
    {
        var output = new List<byte>(data.Length + data.Length / 16);
        for (int i = 0; i < data.Length; i++)
        {
            if (data[i] == (byte)'\n' && (i == 0 || data[i - 1] != (byte)'\r'))
            {
                output.Add((byte)'\r');
            }

            output.Add(data[i]);
        }

        return output.ToArray();
    }
}
