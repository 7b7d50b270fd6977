using System.Globalization;

namespace TlsServer.Engine.Transports;

/// <summary>Reads s_server's -accept forms: "4433", "*:4433", "host:4433", "127.0.0.1:4433", "[::1]:4433".</summary>
internal static class AcceptAddress
{
    /// <returns>The host (null for every address) and the port.</returns>
    public static (string? Host, int Port) Parse(string accept)
    {
        string text = accept.Trim();
        string? host;
        string port;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']');
            if (close < 0 || (close + 1 < text.Length && text[close + 1] != ':'))
            {
                throw Invalid(accept);
            }

            host = text[1..close];
            port = close + 1 < text.Length ? text[(close + 2)..] : string.Empty;
        }
        else
        {
            int colon = text.LastIndexOf(':');
            if (colon >= 0 && text.IndexOf(':') != colon)
            {
                throw Invalid(accept); // a bare IPv6 address needs brackets to tell it from its port
            }

            host = colon < 0 ? null : text[..colon];
            port = colon < 0 ? text : text[(colon + 1)..];
        }

        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number > 65535)
        {
            throw Invalid(accept);
        }

        return (string.IsNullOrEmpty(host) || host == "*" ? null : host, number);
    }

    private static TlsServerException Invalid(string accept) =>
        new(ErrorIds.AcceptAddressInvalid, ErrorKind.InvalidArgument,
            $"'{accept}' is not host:port; use forms like 4433, *:4433, localhost:4433, 127.0.0.1:4433 or [::1]:4433.", accept);
}
