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

    /// <summary>s_server 3.x -www renegotiates on these paths; here the answer says what to use instead.</summary>
    private const string RenegotiationRefused =
        "GET /reneg and GET /renegcert (s_server -www's renegotiation requests) are not served: the server cannot renegotiate " +
        "from inside a request it is reading. Use Invoke-TlsRenegotiation on the session instead " +
        "(-RequestClientCertificate renegotiates TLS 1.2 or does TLS 1.3 post-handshake auth on Start-TlsServer -Engine System).\n";

    protected override ValueTask RespondAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.Target is "/reneg" or "/renegcert")
        {
            return SendTextAsync(501, RenegotiationRefused, request.Method == "HEAD", !request.KeepAlive, cancellationToken);
        }

        string page = StatusPage.Render(_session(), _statistics(), _serverCipherSuites, DateTimeOffset.Now);
        return SendTextAsync(200, page, request.Method == "HEAD", !request.KeepAlive, cancellationToken,
            contentType: "text/html; charset=utf-8");
    }
}
