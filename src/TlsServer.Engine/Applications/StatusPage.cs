using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace TlsServer.Engine.Applications;

/// <summary>
/// The -Www page, s_server's -www page as HTML: what this connection negotiated, its session parameters, the suites the
/// client and the server have in common (s_server's "Ciphers common between both SSL end points", with a count of the
/// others, so a client with a long list still gets a short page), and every server statistic (the S command's counters).
/// Each value has an id, so tests and scripts can read it from the DOM.
/// </summary>
internal static class StatusPage
{
    private static readonly System.Reflection.PropertyInfo[] Statistics =
        typeof(ServerStatistics).GetProperties().Where(p => p.PropertyType == typeof(long)).ToArray();

    public static string Render(Session session, ServerStatistics stats, IReadOnlySet<string> serverSuites, DateTimeOffset now)
    {
        var html = new StringBuilder(8192);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>TlsServer status</title>\n")
            .Append("<style>body{font-family:sans-serif;margin:2em}th{text-align:left;padding-right:1em}td,li{font-family:monospace}")
            .Append("</style>\n")
            .Append("</head>\n<body>\n<h1>TlsServer</h1>\n<p id=\"summary\">")
            .Append(session.Resumed ? "Reused" : "New").Append(", ").Append(Text(session.Protocol?.ToString()))
            .Append(", cipher suite ").Append(Text(session.CipherSuite)).Append("</p>\n<h2>This connection</h2>\n<table id=\"session\">\n");
        Row(html, "protocol", "Protocol", session.Protocol?.ToString());
        Row(html, "cipher-suite", "Cipher suite", session.CipherSuite);
        Row(html, "cipher-suite-openssl", "Cipher suite (OpenSSL)", session.CipherSuiteOpenSsl);
        Row(html, "cipher-suite-id", "Cipher suite code", session.CipherSuiteId is { } id ? $"0x{id:X4}" : null);
        Row(html, "named-group", "Group", session.NamedGroup);
        Row(html, "server-name", "Server name (SNI)", session.ServerName);
        Row(html, "application-protocol", "Application protocol (ALPN)", session.ApplicationProtocol);
        Row(html, "client-certificate", "Client certificate", session.ClientCertificate?.Subject ?? "no client certificate available");
        Row(html, "remote-endpoint", "Client", session.RemoteEndPoint?.ToString());
        Row(html, "local-endpoint", "Server", session.LocalEndPoint?.ToString());
        html.Append("</table>\n<h2>Session parameters</h2>\n<table id=\"session-parameters\">\n");
        Row(html, "session-id", "Session id", session.SessionId);
        Row(html, "resumed", "Resumed", YesNo(session.Resumed));
        Row(html, "extended-master-secret", "Extended master secret", YesNo(session.ExtendedMasterSecret));
        Row(html, "encrypt-then-mac", "Encrypt-then-MAC", YesNo(session.EncryptThenMac));
        Row(html, "start-time", "Start time", Time(session.StartTime));
        Row(html, "bytes-received", "Bytes received", Count(session.BytesReceived));
        Row(html, "bytes-sent", "Bytes sent", Count(session.BytesSent));
        var shared = session.OfferedCipherSuites.Where(serverSuites.Contains).ToList();
        html.Append("</table>\n<h2>Cipher suites in common</h2>\n<p id=\"offered-summary\">The client offered ")
            .Append(session.OfferedCipherSuites.Count).Append(": <span id=\"shared-count\">").Append(shared.Count)
            .Append("</span> enabled on this server too (listed in the client's order), <span id=\"other-count\">")
            .Append(session.OfferedCipherSuites.Count - shared.Count).Append("</span> others.</p>\n<ol id=\"shared-cipher-suites\">\n");
        foreach (var suite in shared)
        {
            html.Append("<li>").Append(Text(suite)).Append("</li>\n");
        }

        html.Append("</ol>\n<h2>Server statistics</h2>\n<table id=\"statistics\">\n");
        foreach (var property in Statistics)
        {
            Row(html, Kebab(property.Name), Words(property.Name), Count((long)property.GetValue(stats)!));
        }

        html.Append("</table>\n<p id=\"timestamp\">Generated <time>").Append(Time(now)).Append("</time></p>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Text(string? value) => WebUtility.HtmlEncode(value ?? "(none)");

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static string Kebab(string name) => Regex.Replace(name, "(?<=[a-z0-9])([A-Z])", "-$1").ToLowerInvariant();

    private static string Words(string name)
    {
        var words = Regex.Replace(name, "(?<=[a-z0-9])([A-Z])", " $1").ToLowerInvariant();
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    private static void Row(StringBuilder html, string id, string label, string? value) =>
        html.Append("<tr><th>").Append(label).Append("</th><td id=\"").Append(id).Append("\">")
            .Append(Text(value)).Append("</td></tr>\n");
}
