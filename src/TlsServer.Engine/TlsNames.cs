using TlsServer.Engine.CipherSuites;
using TlsServer.Engine.Registry;


namespace TlsServer.Engine;

/// <summary>Names the options take, for tab completion and help.</summary>
public static class TlsNames
{
    /// <summary>The groups -Group accepts that the server can use, by OpenSSL's names (from the same table -Group reads).</summary>
    public static IReadOnlyList<string> Groups { get; } = NamedGroups.Offered();

    /// <summary>The schemes -SignatureAlgorithm accepts: IANA's names, then OpenSSL's common forms.</summary>
    public static IReadOnlyList<string> SignatureAlgorithms { get; } = SignatureAlgorithmNames.SettableNames
        .Concat(new[] { "RSA-PSS+SHA256", "RSA+SHA256", "ECDSA+SHA256", "DSA+SHA256" }).ToArray();

    /// <summary>Common ALPN protocol ids (IANA's TLS ALPN registry), for -Alpn.</summary>
    public static IReadOnlyList<string> ApplicationProtocols { get; } = new[]
    {
        "h2", "http/1.1", "http/1.0", "h3", "spdy/3.1", "acme-tls/1", "dot", "doq", "imap", "pop3", "smtp",
        "ftp", "managesieve", "xmpp-client", "xmpp-server", "stun.turn", "stun.nat-discovery", "webrtc", "c-webrtc",
        "coap", "mqtt", "postgresql", "irc", "nntp", "nnsp", "sunrpc", "ntske/1",
    };

    /// <summary>OpenSSL's names of the protocol versions (s_server -min_protocol, -max_protocol), by version.</summary>
    public static IReadOnlyDictionary<TlsProtocol, string> OpenSslProtocolNames { get; } = new Dictionary<TlsProtocol, string>
    {
        [TlsProtocol.Ssl3] = "SSLv3",
        [TlsProtocol.Tls10] = "TLSv1",
        [TlsProtocol.Tls11] = "TLSv1.1",
        [TlsProtocol.Tls12] = "TLSv1.2",
        [TlsProtocol.Tls13] = "TLSv1.3",
        [TlsProtocol.Dtls10] = "DTLSv1",
        [TlsProtocol.Dtls12] = "DTLSv1.2",
    };

    /// <summary>A protocol version by its name here (Tls12) or OpenSSL's (TLSv1.2), in any case.</summary>
    public static bool TryParseProtocol(string? text, out TlsProtocol protocol)
    {
        protocol = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string name = text.Trim();
        foreach (var (version, openSsl) in OpenSslProtocolNames)
        {
            if (name.Equals(version.ToString(), StringComparison.OrdinalIgnoreCase) || name.Equals(openSsl, StringComparison.OrdinalIgnoreCase))
            {
                protocol = version;
                return true;
            }
        }

        return false;
    }

    public static IReadOnlyList<string> Tls13CipherSuites { get; } =
        OpenSslCipherTable.All.Where(c => c.IsTls13).Select(c => c.IanaName).ToArray();

    /// <summary>TLS extension types by their IANA names (New-TlsFault -UnsolicitedExtension and others).</summary>
    public static IReadOnlyList<string> ExtensionTypes => Registry.ExtensionTypes.Names;

    /// <summary>Record versions New-TlsFault -RecordVersion takes by name, and two no TLS peer sends.</summary>
    public static IReadOnlyList<string> RecordVersions => Faults.RecordVersions.Names;

    /// <summary>Aliases and suite names of OpenSSL's cipher-string language.</summary>
    public static IReadOnlyList<string> CipherStringWords { get; } =
        new[] { "DEFAULT", "SUITEB128", "SUITEB128ONLY", "SUITEB192", "@STRENGTH", "@SECLEVEL=0" }
            .Concat(CipherStringAliases.ByName.Keys)
            .Concat(CipherSuiteCatalog.CipherStringUniverse.Select(c => c.OpenSslName!))
            .ToArray();
}
