using System.Text;

namespace TlsServer.Engine.Diagnostics;

/// <summary>Text in the style of s_server's -msg, -state, -debug and -tlsextdebug output.</summary>
internal static class TraceText
{
    /// <summary>"&lt;&lt;&lt; TLS 1.3, Handshake [length 00f1], ClientHello" and the bytes, 16 to a line (s_server -msg).</summary>
    public static string Message(TlsMessage m)
    {
        var text = new StringBuilder()
            .Append(m.Direction == MessageDirection.Sent ? ">>> " : "<<< ")
            .Append(m.Version?.Replace("TLSv", "TLS ") ?? "???").Append(", ")
            .Append(Pascal(m.ContentType))
            .Append($" [length {m.Data.Length:x4}]");
        if (m.HandshakeType is not null)
        {
            text.Append(", ").Append(Pascal(m.HandshakeType));
        }

        if (m.Summary.Length > 0)
        {
            text.Append(" (").Append(m.Summary).Append(')');
        }

        text.AppendLine();
        for (int i = 0; i < m.Data.Length; i += 16)
        {
            text.Append("   ");
            foreach (var b in m.Data.AsSpan(i, Math.Min(16, m.Data.Length - i)))
            {
                text.Append(' ').Append(b.ToString("x2"));
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>"SSL_accept:SSLv3/TLS write server hello" (s_server -state).</summary>
    public static string State(TlsMessage m) =>
        $"SSL_accept:SSLv3/TLS {(m.Direction == MessageDirection.Sent ? "write" : "read")} {(m.HandshakeType ?? m.ContentType).Replace('_', ' ')}{Environment.NewLine}";

    /// <summary>A socket read or write in BIO_dump's layout (s_server -debug).</summary>
    public static string Wire(MessageDirection direction, ReadOnlySpan<byte> data) =>
        $"{(direction == MessageDirection.Sent ? "write to" : "read from")} socket ({data.Length} bytes => {data.Length} (0x{data.Length:X})){Environment.NewLine}{Dump(data)}";

    /// <summary>'TLS client extension "server name" (id=0), len=14' and its bytes (s_server -tlsextdebug).</summary>
    public static string Extensions(TlsClientHello hello)
    {
        var text = new StringBuilder();
        foreach (var e in hello.ExtensionList)
        {
            text.AppendLine($"TLS client extension \"{e.Name.Replace('_', ' ')}\" (id={e.Type}), len={e.Length}");
            text.Append(Dump(e.Bytes));
        }

        return text.ToString();
    }

    /// <summary>OpenSSL's BIO_dump: offset, 16 bytes split by '-', then the printable characters.</summary>
    public static string Dump(ReadOnlySpan<byte> data)
    {
        var text = new StringBuilder();
        for (int line = 0; line < data.Length; line += 16)
        {
            var chunk = data.Slice(line, Math.Min(16, data.Length - line));
            text.Append(line.ToString("x4")).Append(" - ");
            for (int i = 0; i < 16; i++)
            {
                text.Append(i < chunk.Length ? chunk[i].ToString("x2") : "  ").Append(i == 7 && i + 1 < chunk.Length ? '-' : ' ');
            }

            text.Append("  ");
            foreach (var b in chunk)
            {
                text.Append(b is >= 0x20 and < 0x7f ? (char)b : '.');
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>client_hello → ClientHello, change_cipher_spec → ChangeCipherSpec.</summary>
    public static string Pascal(string name) =>
        string.Concat(name.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

}
