namespace TlsServer.Engine.Applications;

/// <summary>
/// s_server -HTTP: each file of the document root holds a complete HTTP response and is sent byte for byte. The file's
/// own framing is unknown, so the connection closes after it.
/// </summary>
internal sealed class HttpRootApplication : DocumentRootApplication
{
    public HttpRootApplication(IConnectionChannel channel, DocumentRoot root)
        : base(channel, root)
    {
    }

    protected override async ValueTask SendFileAsync(HttpRequest request, string path, FileStream? file, long length,
        CancellationToken cancellationToken)
    {
        await FileStreamer.SendAsync(file, length, Channel, cancellationToken).ConfigureAwait(false);
        Close("HTTP response file sent");
    }
}
