namespace TlsServer.Engine.Faults;

/// <summary>TLS extension types by their IANA names, and where RFC 8446 4.2 lets a TLS 1.3 server send each.</summary>
internal static class ExtensionTypes
{
    public const int ServerName = 0;
    public const int Alpn = 16;
    public const int SupportedVersions = 43;
    public const int KeyShare = 51;

    private static readonly (string Name, int Type, bool InEncryptedExtensions)[] Known =
    {
        ("server_name", ServerName, true),
        ("max_fragment_length", 1, true),
        ("status_request", 5, false),
        ("supported_groups", 10, true),
        ("ec_point_formats", 11, false),
        ("signature_algorithms", 13, false),
        ("use_srtp", 14, true),
        ("heartbeat", 15, true),
        ("application_layer_protocol_negotiation", Alpn, true),
        ("signed_certificate_timestamp", 18, false),
        ("client_certificate_type", 19, true),
        ("server_certificate_type", 20, true),
        ("padding", 21, false),
        ("encrypt_then_mac", 22, false),
        ("extended_master_secret", 23, false),
        ("compress_certificate", 27, false),
        ("record_size_limit", 28, true),
        ("session_ticket", 35, false),
        ("pre_shared_key", 41, false),
        ("early_data", 42, true),
        ("supported_versions", SupportedVersions, false),
        ("cookie", 44, false),
        ("psk_key_exchange_modes", 45, false),
        ("certificate_authorities", 47, false),
        ("oid_filters", 48, false),
        ("post_handshake_auth", 49, false),
        ("signature_algorithms_cert", 50, false),
        ("key_share", KeyShare, false),
        ("renegotiation_info", 0xff01, false),
    };

    /// <summary>Every name, in code order, for completion and help.</summary>
    public static IReadOnlyList<string> Names { get; } = Known.Select(k => k.Name).ToArray();

    /// <summary>A name (or "alpn"), a decimal number or 0x-hex, 0 to 65535.</summary>
    public static bool TryParse(string text, out int type)
    {
        text = text.Trim();
        if (string.Equals(text, "alpn", StringComparison.OrdinalIgnoreCase))
        {
            type = Alpn;
            return true;
        }

        foreach (var known in Known)
        {
            if (string.Equals(known.Name, text, StringComparison.OrdinalIgnoreCase))
            {
                type = known.Type;
                return true;
            }
        }

        bool hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        return int.TryParse(hex ? text[2..] : text, hex ? System.Globalization.NumberStyles.HexNumber : System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out type)
            && type is >= 0 and <= 0xffff;
    }

    public static string Name(int type) => Known.FirstOrDefault(k => k.Type == type).Name ?? $"extension {type}";

    /// <summary>RFC 8446 4.2: the extensions a TLS 1.3 server may put in EncryptedExtensions.</summary>
    public static bool AllowedInEncryptedExtensions(int type) => Known.Any(k => k.Type == type && k.InEncryptedExtensions);
}
