namespace TlsServer.Engine;

/// <summary>How a TLS 1.2 client answered a HelloRequest (Invoke-TlsRenegotiation -HelloRequestOnly).</summary>
public enum HelloRequestResponse
{
    /// <summary>Nothing came back within the wait: the client ignored the request, as RFC 5246 7.4.1.1 allows.</summary>
    Ignored,

    /// <summary>The client declined with a no_renegotiation warning; the connection goes on.</summary>
    Declined,

    /// <summary>The client sent a ClientHello, which the server refused with a no_renegotiation warning.</summary>
    Refused,

    /// <summary>The connection ended before any other answer.</summary>
    Closed,
}
