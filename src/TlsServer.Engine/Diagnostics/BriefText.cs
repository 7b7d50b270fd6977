using System.Text;

namespace TlsServer.Engine.Diagnostics;

/// <summary>The summary s_server -brief prints when a connection is established.</summary>
internal static class BriefText
{
    public static string Established(Session s)
    {
        var text = new StringBuilder()
            .AppendLine("CONNECTION ESTABLISHED")
            .AppendLine($"Protocol version: {ProtocolName(s.Protocol)}")
            .AppendLine($"Ciphersuite: {s.CipherSuiteOpenSsl ?? s.CipherSuite}");
        if (s.NamedGroup is not null)
        {
            text.AppendLine($"Negotiated group: {s.NamedGroup}");
        }

        if (s.ServerName is not null)
        {
            text.AppendLine($"Requested server name: {s.ServerName}");
        }

        if (s.ApplicationProtocol is not null)
        {
            text.AppendLine($"ALPN protocol: {s.ApplicationProtocol}");
        }

        return text.ToString();
    }

    private static string ProtocolName(string? protocol) =>
        Engine.TlsNames.TryParseProtocol(protocol, out var version) ? Engine.TlsNames.OpenSslProtocolNames[version] : "unknown";
}
