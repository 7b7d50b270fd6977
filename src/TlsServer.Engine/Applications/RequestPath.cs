using System.Text;

namespace TlsServer.Engine.Applications;

/// <summary>
/// A request target turned into path segments, or the reason it is refused. Refused: anything but an origin-form
/// path, dot segments (also encoded), doubled, encoded or Windows-style separators, NUL and other control characters,
/// colons (drive letters, NTFS streams), names Windows reserves for devices, names ending in a dot or space, invalid
/// percent-encoding and invalid UTF-8. The same rules hold on every platform, so a root behaves the same everywhere.
/// </summary>
internal sealed class RequestPath
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private static readonly HashSet<string> WindowsDeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    private RequestPath(IReadOnlyList<string> segments, bool endsWithSlash)
    {
        Segments = segments;
        EndsWithSlash = endsWithSlash;
    }

    public IReadOnlyList<string> Segments { get; }

    /// <summary>The path ended in '/', so it names a folder.</summary>
    public bool EndsWithSlash { get; }

    /// <summary>Parses a request target; on refusal returns null and says why.</summary>
    public static RequestPath? Parse(string target, out string? refusal)
    {
        refusal = null;
        if (!target.StartsWith('/'))
        {
            refusal = "the request target must be a path that starts with '/'";
            return null;
        }

        int end = target.IndexOfAny(['?', '#']);
        var raw = (end < 0 ? target : target[..end]).Split('/')[1..];
        var segments = new List<string>(raw.Length);
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i].Length == 0)
            {
                if (i == raw.Length - 1)
                {
                    break; // a trailing slash
                }

                refusal = "the path has an empty segment (a doubled '/')";
                return null;
            }

            string? segment = Decode(raw[i]);
            refusal = segment is null ? "the path has invalid percent-encoding or is not UTF-8" : RefuseSegment(segment);
            if (refusal is not null)
            {
                return null;
            }

            segments.Add(segment!);
        }

        return new RequestPath(segments, raw.Length == 0 || raw[^1].Length == 0);
    }

    private static string? RefuseSegment(string segment)
    {
        if (segment.Trim('.').Length == 0)
        {
            return "the path has a '.' or '..' segment";
        }

        foreach (char c in segment)
        {
            switch (c)
            {
                case '/':
                    return "the path has an encoded '/'";
                case '\\':
                    return "the path has a '\\' (a Windows separator)";
                case ':':
                    return "the path has a ':' (a drive letter or an NTFS stream)";
                case '\0':
                    return "the path has a NUL character";
                case < ' ' or '\x7f':
                    return "the path has a control character";
            }
        }

        if (segment.EndsWith('.') || segment.EndsWith(' '))
        {
            return "a path segment ends in '.' or a space, which Windows strips";
        }

        if (WindowsDeviceNames.Contains(segment.Split('.')[0].TrimEnd(' ')))
        {
            return "the path names a Windows device (CON, NUL, COM1…)";
        }

        return null;
    }

    /// <summary>
    /// Strict percent-decoding into UTF-8 text; null when malformed. The head was read as Latin-1, so each char of
    /// <paramref name="segment"/> is one byte of the request.
    /// </summary>
    private static string? Decode(string segment)
    {
        var bytes = new byte[segment.Length];
        int count = 0;
        for (int i = 0; i < segment.Length; i++)
        {
            char c = segment[i];
            if (c == '%')
            {
                if (i + 2 >= segment.Length || !IsHex(segment[i + 1]) || !IsHex(segment[i + 2]))
                {
                    return null;
                }

                bytes[count++] = Convert.ToByte(segment.Substring(i + 1, 2), 16);
                i += 2;
            }
            else
            {
                bytes[count++] = (byte)c;
            }
        }

        try
        {
            return StrictUtf8.GetString(bytes, 0, count);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
