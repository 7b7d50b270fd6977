using System.Text;

namespace TlsServer.Engine.Applications;

/// <summary>
/// The HTTP/1.x side shared by the -Www, -WwwRoot and -HttpRoot modes: frames request heads, refuses what is not a
/// plain GET or HEAD, and keeps the connection as HTTP/1.x says (malformed requests close it).
/// </summary>
internal abstract class HttpApplication : IApplication
{
    private readonly HttpRequestFramer _framer = new();
    private bool _closing;

    protected HttpApplication(IConnectionChannel channel) => Channel = channel;

    protected IConnectionChannel Channel { get; }

    public async ValueTask OnDataAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (_closing)
        {
            return;
        }

        _framer.Append(data.Span);
        while (!_closing && _framer.TakeHead() is { } head)
        {
            var request = HttpRequest.Parse(head);
            if (request is null)
            {
                await SendTextAsync(400, "Malformed request.\n", false, true, cancellationToken).ConfigureAwait(false);
            }
            else if (request.HasBody)
            {
                await SendTextAsync(400, "Request bodies are not accepted.\n", false, true, cancellationToken).ConfigureAwait(false);
            }
            else if (request.Method is not ("GET" or "HEAD"))
            {
                await SendTextAsync(405, "Only GET and HEAD are answered.\n", false, true, cancellationToken, "Allow: GET, HEAD\r\n")
                    .ConfigureAwait(false);
            }
            else
            {
                await RespondAsync(request, cancellationToken).ConfigureAwait(false);
            }
        }

        if (!_closing && _framer.Overflowed)
        {
            await SendTextAsync(431, "Request head too large.\n", false, true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Answers one GET or HEAD request that has no body.</summary>
    protected abstract ValueTask RespondAsync(HttpRequest request, CancellationToken cancellationToken);

    protected async ValueTask SendTextAsync(int status, string body, bool headOnly, bool close, CancellationToken cancellationToken,
        string? extraHeaders = null, string contentType = "text/plain; charset=utf-8")
    {
        byte[] content = Encoding.UTF8.GetBytes(body);
        byte[] head = HttpResponses.Head(status, contentType, content.Length, close, extraHeaders);
        await Channel.SendAsync(headOnly ? head : [.. head, .. content], cancellationToken).ConfigureAwait(false);
        if (close)
        {
            Close($"HTTP {status}");
        }
    }

    /// <summary>Ignores anything further the client sends, and closes with close_notify once pending writes are out.</summary>
    protected void Close(string reason)
    {
        _closing = true;
        Channel.RequestClose(reason);
    }
}
