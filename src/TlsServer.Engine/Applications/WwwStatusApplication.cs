using System.Text;

namespace TlsServer.Engine.Applications;

/// <summary>s_server -www: answers every GET or HEAD with the status page; keep-alive as HTTP/1.x says.</summary>
internal sealed class WwwStatusApplication : IApplication
{
    private readonly IConnectionChannel _channel;
    private readonly Func<Session> _session;
    private readonly Func<ServerStatistics> _statistics;
    private readonly HttpRequestFramer _framer = new();

    public WwwStatusApplication(IConnectionChannel channel, Func<Session> session, Func<ServerStatistics> statistics)
    {
        _channel = channel;
        _session = session;
        _statistics = statistics;
    }

    public async ValueTask OnDataAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        _framer.Append(data.Span);
        while (_framer.TakeHead() is { } head)
        {
            var request = HttpRequest.Parse(head);
            if (request is null)
            {
                await RespondAsync(400, "Bad Request", "text/plain", "Malformed request.\n", false, true, cancellationToken);
                return;
            }

            if (request.Method is not ("GET" or "HEAD"))
            {
                await RespondAsync(405, "Method Not Allowed", "text/plain", "Only GET and HEAD are answered.\n", false, true, cancellationToken);
                return;
            }

            string page = StatusPage.Render(_session(), _statistics(), DateTimeOffset.Now);
            bool close = !request.KeepAlive;
            await RespondAsync(200, "OK", "text/html; charset=utf-8", page, request.Method == "HEAD", close, cancellationToken);
            if (close)
            {
                return;
            }
        }

        if (_framer.Overflowed)
        {
            await RespondAsync(431, "Request Header Fields Too Large", "text/plain", "Request head too large.\n", false, true, cancellationToken);
        }
    }

    private async ValueTask RespondAsync(int status, string reason, string contentType, string body, bool headOnly, bool close,
        CancellationToken cancellationToken)
    {
        byte[] content = Encoding.UTF8.GetBytes(body);
        string head = $"HTTP/1.1 {status} {reason}\r\nServer: TlsServer\r\nContent-Type: {contentType}\r\n"
            + $"Content-Length: {content.Length}\r\nCache-Control: no-store\r\nConnection: {(close ? "close" : "keep-alive")}\r\n\r\n";
        var response = Encoding.ASCII.GetBytes(head);
        await _channel.SendAsync(headOnly ? response : response.Concat(content).ToArray(), cancellationToken);
        if (close)
        {
            _channel.RequestClose($"HTTP {status}");
        }
    }
}
