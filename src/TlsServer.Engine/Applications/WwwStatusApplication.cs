namespace TlsServer.Engine.Applications;

/// <summary>s_server -www: answers every GET or HEAD with the status page; keep-alive as HTTP/1.x says.</summary>
internal sealed class WwwStatusApplication : HttpApplication
{
    private readonly Func<Session> _session;
    private readonly Func<ServerStatistics> _statistics;
    private readonly IReadOnlySet<string> _serverCipherSuites;

    public WwwStatusApplication(IConnectionChannel channel, Func<Session> session, Func<ServerStatistics> statistics,
        IReadOnlySet<string> serverCipherSuites)
        : base(channel)
    {
        _session = session;
        _statistics = statistics;
        _serverCipherSuites = serverCipherSuites;
    }

    protected override ValueTask RespondAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string page = StatusPage.Render(_session(), _statistics(), _serverCipherSuites, DateTimeOffset.Now);
        return SendTextAsync(200, page, request.Method == "HEAD", !request.KeepAlive, cancellationToken,
            contentType: "text/html; charset=utf-8");
    }
}
