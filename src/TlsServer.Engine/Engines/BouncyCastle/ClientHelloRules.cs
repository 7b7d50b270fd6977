using Org.BouncyCastle.Tls;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>
/// Checks of a well-formed ClientHello that BouncyCastle makes with another alert than the RFCs (and OpenSSL) give, or does
/// not make at all. They run before BouncyCastle reads the hello, so the alert goes out before any ServerHello.
/// </summary>
internal static class ClientHelloRules
{
    /// <summary>Extensions only TLS 1.2 and older read. A TLS 1.3 server ignores them (OpenSSL too); BouncyCastle would parse them.</summary>
    public static readonly IReadOnlyList<int> Tls12Only = new[]
    {
        ExtensionType.trusted_ca_keys, ExtensionType.truncated_hmac, ExtensionType.ec_point_formats,
        ExtensionType.status_request_v2, ExtensionType.encrypt_then_mac, ExtensionType.extended_master_secret,
    };

    /// <param name="hello">The ClientHello as sent.</param>
    /// <param name="tls13">Whether TLS 1.3 will be negotiated: the client offers it and so does the server.</param>
    /// <param name="endedRecord">Whether the ClientHello was the last data in its record.</param>
    /// <exception cref="TlsFatalAlert">The alert the hello earns.</exception>
    public static void Check(TlsClientHello hello, bool tls13, bool endedRecord)
    {
        if (hello.LegacyVersion <= 0x0300)
        {
            // RFC 8446 D.5: a legacy_version of SSL 3.0 or below is refused with protocol_version, supported_versions or not.
            throw new TlsFatalAlert(AlertDescription.protocol_version, $"The ClientHello's legacy_version is 0x{hello.LegacyVersion:x4}.");
        }

        if (tls13 && !endedRecord)
        {
            // RFC 8446 5.1: the message before a key change must end its record.
            throw new TlsFatalAlert(AlertDescription.unexpected_message, "More handshake data follows the TLS 1.3 ClientHello in its record.");
        }

        CheckCompression(hello.CompressionMethods, tls13);
        var extensions = new Dictionary<int, byte[]>();
        foreach (var e in hello.ExtensionList)
        {
            extensions.TryAdd(e.Type, e.Bytes); // BouncyCastle refuses a repeated extension itself
        }

        if (tls13)
        {
            CheckKeyShares(extensions);
        }
        else if (extensions.TryGetValue(ExtensionType.extended_master_secret, out var ems) && ems.Length != 0)
        {
            // RFC 7627 5.1: the extension's data is empty; anything else does not decode.
            throw new TlsFatalAlert(AlertDescription.decode_error, "The extended_master_secret extension is not empty.");
        }

        if (extensions.TryGetValue(ExtensionType.application_layer_protocol_negotiation, out var alpn) && alpn is [0, 0])
        {
            // RFC 7301 3.1: protocol_name_list<2..2^16-1>.
            throw new TlsFatalAlert(AlertDescription.decode_error, "The ALPN extension lists no protocol.");
        }

        if (extensions.TryGetValue(ExtensionType.server_name, out var sni))
        {
            CheckServerName(sni);
        }
    }

    /// <summary>Whether the hello asks to send 0-RTT data (RFC 8446 4.2.10).</summary>
    public static bool OffersEarlyData(TlsClientHello hello) => hello.ExtensionList.Any(e => e.Type == ExtensionType.early_data);

    private static void CheckCompression(IReadOnlyList<int> methods, bool tls13)
    {
        if (methods.Count == 0)
        {
            return; // BouncyCastle's parser answers an empty vector with decode_error
        }

        // RFC 8446 4.1.2: a TLS 1.3 ClientHello has exactly the null method, else illegal_parameter; RFC 5246 7.4.1.2:
        // every list includes it. OpenSSL says decode_error when null is missing.
        if (tls13 ? methods is not [0] : !methods.Contains(0))
        {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter,
                $"The ClientHello's compression methods ({string.Join(", ", methods)}) are not {(tls13 ? "just" : "including")} null.");
        }
    }

    private static void CheckKeyShares(Dictionary<int, byte[]> extensions)
    {
        bool groups = extensions.TryGetValue(ExtensionType.supported_groups, out var groupData);
        bool shares = extensions.TryGetValue(ExtensionType.key_share, out var shareData);
        if (groups != shares)
        {
            // RFC 8446 9.2: supported_groups and key_share come together.
            throw new TlsFatalAlert(AlertDescription.missing_extension,
                groups ? "The ClientHello has supported_groups but no key_share." : "The ClientHello has key_share but no supported_groups.");
        }

        if (!groups || !TryReadShareGroups(shareData!, out var shareGroups) || !TryReadGroups(groupData!, out var offered) || offered.Count == 0)
        {
            return; // BouncyCastle decodes them and answers malformed ones
        }

        if (shareGroups.FirstOrDefault(g => !offered.Contains(g), -1) is var stray and >= 0)
        {
            // RFC 8446 4.2.8: servers MAY check that every share's group is in supported_groups, with illegal_parameter.
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, $"A key share for {NamedGroup.GetText(stray)}, which supported_groups does not list.");
        }
    }

    private static void CheckServerName(byte[] data)
    {
        var reader = new Diagnostics.WireReader(data);
        try
        {
            var list = new Diagnostics.WireReader(reader.Vector16());
            var types = new HashSet<int>();
            while (list.Remaining > 0)
            {
                int type = list.U8();
                var name = list.Vector16();
                if (!types.Add(type))
                {
                    // RFC 6066 3: one name per type. OpenSSL takes exactly one host name and calls more a decode_error.
                    throw new TlsFatalAlert(AlertDescription.decode_error, "The server_name extension has two names of one type.");
                }

                if (type == 0 && name.IndexOf((byte)0) >= 0)
                {
                    // A host name is ASCII letters, digits, hyphens and dots (RFC 6066 3); OpenSSL refuses a NUL so.
                    throw new TlsFatalAlert(AlertDescription.unrecognized_name, "The host name in server_name contains a NUL byte.");
                }
            }
        }
        catch (FormatException)
        {
            // malformed: BouncyCastle answers it with decode_error
        }
    }

    private static bool TryReadShareGroups(byte[] data, out List<int> groups)
    {
        groups = new List<int>();
        try
        {
            var reader = new Diagnostics.WireReader(data);
            var list = new Diagnostics.WireReader(reader.Vector16());
            while (list.Remaining > 0)
            {
                groups.Add(list.U16());
                list.Vector16();
            }

            return reader.Remaining == 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool TryReadGroups(byte[] data, out List<int> groups)
    {
        try
        {
            var reader = new Diagnostics.WireReader(data);
            groups = Diagnostics.WireReader.U16List(reader.Vector16()).ToList();
            return reader.Remaining == 0;
        }
        catch (FormatException)
        {
            groups = new List<int>();
            return false;
        }
    }
}
