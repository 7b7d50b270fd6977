namespace TlsServer.Engine.Registry;

/// <summary>TLS extension types by their IANA names, and where RFC 8446 4.2 lets a TLS 1.3 server send each.</summary>
internal static class ExtensionTypes
{
    public const int ServerName = 0;
    public const int Alpn = 16;
    public const int SupportedVersions = 43;
    public const int KeyShare = 51;

    /// <summary>IANA's TLS ExtensionType registry: every value with a name.</summary>
    private static readonly Dictionary<int, string> Registered = new()
    {
        [ServerName] = "server_name",
        [1] = "max_fragment_length",
        [2] = "client_certificate_url",
        [3] = "trusted_ca_keys",
        [4] = "truncated_hmac",
        [5] = "status_request",
        [6] = "user_mapping",
        [7] = "client_authz",
        [8] = "server_authz",
        [9] = "cert_type",
        [10] = "supported_groups",
        [11] = "ec_point_formats",
        [12] = "srp",
        [13] = "signature_algorithms",
        [14] = "use_srtp",
        [15] = "heartbeat",
        [Alpn] = "application_layer_protocol_negotiation",
        [17] = "status_request_v2",
        [18] = "signed_certificate_timestamp",
        [19] = "client_certificate_type",
        [20] = "server_certificate_type",
        [21] = "padding",
        [22] = "encrypt_then_mac",
        [23] = "extended_master_secret",
        [24] = "token_binding",
        [25] = "cached_info",
        [27] = "compress_certificate",
        [28] = "record_size_limit",
        [35] = "session_ticket",
        [41] = "pre_shared_key",
        [42] = "early_data",
        [SupportedVersions] = "supported_versions",
        [44] = "cookie",
        [45] = "psk_key_exchange_modes",
        [47] = "certificate_authorities",
        [48] = "oid_filters",
        [49] = "post_handshake_auth",
        [50] = "signature_algorithms_cert",
        [KeyShare] = "key_share",
        [54] = "connection_id",
        [0xff01] = "renegotiation_info",
    };

    /// <summary>The types a fault can name, and whether RFC 8446 4.2 lets a TLS 1.3 server put each in EncryptedExtensions.</summary>
    private static readonly (string Name, int Type, bool InEncryptedExtensions)[] Known = new (int Type, bool InEncryptedExtensions)[]
    {
        (ServerName, true),
        (1, true),
        (5, false),
        (10, true),
        (11, false),
        (13, false),
        (14, true),
        (15, true),
        (Alpn, true),
        (18, false),
        (19, true),
        (20, true),
        (21, false),
        (22, false),
        (23, false),
        (27, false),
        (28, true),
        (35, false),
        (41, false),
        (42, true),
        (SupportedVersions, false),
        (44, false),
        (45, false),
        (47, false),
        (48, false),
        (49, false),
        (50, false),
        (KeyShare, false),
        (0xff01, false),
    }.Select(k => (Registered[k.Type], k.Type, k.InEncryptedExtensions)).ToArray();

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

    /// <summary>The registry's name, or null for a value it does not name.</summary>
    public static string? RegistryName(int type) => Registered.GetValueOrDefault(type);

    public static string Name(int type) => Known.FirstOrDefault(k => k.Type == type).Name ?? $"extension {type}";

    /// <summary>RFC 8446 4.2: the extensions a TLS 1.3 server may put in EncryptedExtensions.</summary>
    public static bool AllowedInEncryptedExtensions(int type) => Known.Any(k => k.Type == type && k.InEncryptedExtensions);
}
