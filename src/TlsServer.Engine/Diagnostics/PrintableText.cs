using System.Globalization;
using System.Text;

namespace TlsServer.Engine.Diagnostics;

/// <summary>
/// Text a client chose (a host name, an ALPN protocol, a PSK identity) made safe to print: control characters (C0, DEL,
/// C1) and, in ASCII fields, bytes beyond ASCII become \xHH, and a backslash becomes \\. Nothing a client sends reaches a
/// terminal raw, whichever way the server prints it.
/// </summary>
internal static class PrintableText
{
    /// <summary>An ASCII field (RFC 6066's HostName).</summary>
    public static string FromAscii(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        foreach (byte b in bytes)
        {
            Append(text, (char)b, b >= 0x7F);
        }

        return text.ToString();
    }

    /// <summary>A UTF-8 field (an ALPN name, a PSK identity, an SRP user).</summary>
    public static string FromUtf8(ReadOnlySpan<byte> bytes) => Escape(Encoding.UTF8.GetString(bytes));

    public static string Escape(string text)
    {
        if (!text.Any(c => char.IsControl(c) || c == '\\'))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            Append(escaped, c, false);
        }

        return escaped.ToString();
    }

    private static void Append(StringBuilder text, char c, bool beyondAscii)
    {
        if (c == '\\')
        {
            text.Append(@"\\");
        }
        else if (beyondAscii || char.IsControl(c))
        {
            text.Append(c <= 0xFF ? $"\\x{(int)c:x2}" : $"\\u{((int)c).ToString("x4", CultureInfo.InvariantCulture)}");
        }
        else
        {
            text.Append(c);
        }
    }
}
