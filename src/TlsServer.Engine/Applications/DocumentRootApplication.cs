namespace TlsServer.Engine.Applications;

/// <summary>
/// What -WwwRoot and -HttpRoot share: the request target is looked up under the document root, and a refusal (400),
/// a link leaving the root (403) or a missing file (404) is answered with a short text response.
/// </summary>
internal abstract class DocumentRootApplication : HttpApplication
{
    private readonly DocumentRoot _root;

    protected DocumentRootApplication(IConnectionChannel channel, DocumentRoot root)
        : base(channel) => _root = root;

    protected sealed override async ValueTask RespondAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var lookup = _root.Resolve(request.Target);
        var (file, length, status) = lookup.FilePath is { } path ? FileStreamer.Open(path) : (null, 0L, lookup.Status);
        using (file)
        {
            if (status == 200)
            {
                await SendFileAsync(request, lookup.FilePath!, file, length, cancellationToken).ConfigureAwait(false);
                return;
            }

            string reason = lookup.Status == 200 ? "the file cannot be read" : lookup.Reason;
            await SendTextAsync(status, $"{HttpResponses.Reason(status)}: {reason}.\n", request.Method == "HEAD",
                status == 400 || !request.KeepAlive, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends a file that was found; <paramref name="file"/> is null when it is empty.</summary>
    protected abstract ValueTask SendFileAsync(HttpRequest request, string path, FileStream? file, long length,
        CancellationToken cancellationToken);
}
