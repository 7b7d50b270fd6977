namespace TlsServer.Engine.Applications;

/// <summary>s_server -WWW: serves the files of the document root, with a Content-Type by extension; keep-alive works.</summary>
internal sealed class WwwRootApplication : DocumentRootApplication
{
    public WwwRootApplication(IConnectionChannel channel, DocumentRoot root)
        : base(channel, root)
    {
    }

    protected override async ValueTask SendFileAsync(HttpRequest request, string path, FileStream? file, long length,
        CancellationToken cancellationToken)
    {
        bool close = !request.KeepAlive;
        await Channel.SendAsync(HttpResponses.Head(200, ContentTypes.For(path), length, close), cancellationToken).ConfigureAwait(false);
        bool complete = request.Method == "HEAD" || await FileStreamer.SendAsync(file, length, Channel, cancellationToken).ConfigureAwait(false);
        if (close || !complete)
        {
            Close(complete ? "HTTP 200" : "the file shrank while it was sent");
        }
    }
}
