using System.Text;

namespace TlsServer.Engine.Applications;

/// <summary>The head of one HTTP/1.x request: request line and headers.</summary>
internal sealed class HttpRequest
{
    private HttpRequest(string method, string target, string version, Dictionary<string, string> headers)
    {
        Method = method;
        Target = target;
        Version = version;
        Headers = headers;
    }

    public string Method { get; }
    public string Target { get; }
    public string Version { get; }
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 only when asked to keep it.</summary>
    public bool KeepAlive
    {
        get
        {
            Headers.TryGetValue("connection", out var connection);
            var tokens = (connection ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return Version == "HTTP/1.1"
                ? !tokens.Contains("close", StringComparer.OrdinalIgnoreCase)
                : tokens.Contains("keep-alive", StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary>True when a body follows the head (Content-Length above zero, or any Transfer-Encoding).</summary>
    public bool HasBody =>
        Headers.ContainsKey("transfer-encoding")
        || (Headers.TryGetValue("content-length", out var length) && length != "0");

    /// <summary>Parses a request head (without the blank line); null when it is not valid HTTP/1.x.</summary>
    public static HttpRequest? Parse(ReadOnlySpan<byte> head)
    {
        // RFC 9112 2.2: a bare LF ends a line too, and a CR before it is dropped.
        var lines = Encoding.Latin1.GetString(head).Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var parts = lines[0].Split(' ');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0
            || parts[2] is not ("HTTP/1.0" or "HTTP/1.1") || !parts[0].All(char.IsAsciiLetterUpper))
        {
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            int colon = line.IndexOf(':');
            if (colon <= 0)
            {
                return null;
            }

            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return new HttpRequest(parts[0], parts[1], parts[2], headers);
    }
}
