using System.Globalization;
using System.Net;
using System.Text;

namespace TlsServer.Engine.Applications;

/// <summary>The -Www page: what this connection negotiated, what the client offered, and the server's counters.</summary>
internal static class StatusPage
{
    public static string Render(Session session, ServerStatistics stats, DateTimeOffset now)
    {
        var html = new StringBuilder(4096);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>TlsServer status</title>\n")
            .Append("<style>body{font-family:sans-serif;margin:2em}th{text-align:left;padding-right:1em}td{font-family:monospace}</style>\n")
            .Append("</head>\n<body>\n<h1>TlsServer</h1>\n<h2>This connection</h2>\n<table id=\"session\">\n");
        Row(html, "protocol", "Protocol", session.Protocol?.ToString());
        Row(html, "cipher-suite", "Cipher suite", session.CipherSuite);
        Row(html, "cipher-suite-openssl", "Cipher suite (OpenSSL)", session.CipherSuiteOpenSsl);
        Row(html, "named-group", "Group", session.NamedGroup);
        Row(html, "session-id", "Session id", session.SessionId);
        Row(html, "resumed", "Resumed", session.Resumed ? "yes" : "no");
        Row(html, "server-name", "Server name (SNI)", session.ServerName);
        Row(html, "application-protocol", "Application protocol (ALPN)", session.ApplicationProtocol);
        Row(html, "client-certificate", "Client certificate", session.ClientCertificate?.Subject);
        Row(html, "remote-endpoint", "Client", session.RemoteEndPoint?.ToString());
        html.Append("</table>\n<h2>Cipher suites offered by the client</h2>\n<ol id=\"offered-cipher-suites\">\n");
        foreach (var suite in session.OfferedCipherSuites)
        {
            html.Append("<li>").Append(WebUtility.HtmlEncode(suite)).Append("</li>\n");
        }

        html.Append("</ol>\n<h2>Server statistics</h2>\n<table id=\"statistics\">\n");
        Row(html, "connections-accepted", "Connections accepted", Count(stats.ConnectionsAccepted));
        Row(html, "handshakes-completed", "Handshakes completed", Count(stats.HandshakesCompleted));
        Row(html, "handshakes-failed", "Handshakes failed", Count(stats.HandshakesFailed));
        Row(html, "handshake-timeouts", "Handshake timeouts", Count(stats.HandshakeTimeouts));
        Row(html, "active-connections", "Active connections", Count(stats.ActiveConnections));
        html.Append("</table>\n<p id=\"timestamp\">Generated <time>")
            .Append(now.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture))
            .Append("</time></p>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Row(StringBuilder html, string id, string label, string? value) =>
        html.Append("<tr><th>").Append(label).Append("</th><td id=\"").Append(id).Append("\">")
            .Append(WebUtility.HtmlEncode(value ?? "(none)")).Append("</td></tr>\n");
}
