using Org.BouncyCastle.Tls;

namespace TlsServer.Engine.Diagnostics;

/// <summary>Names of TLS code points as the RFCs spell them, from BouncyCastle's tables; GREASE values named as such.</summary>
internal static class TlsNames
{
    /// <summary>RFC 8701: 0x0A0A, 0x1A1A … 0xFAFA.</summary>
    public static bool IsGrease(int value) => (value & 0x0F0F) == 0x0A0A && (value >> 8) == (value & 0xFF);

    public static string Extension(int type)
    {
        if (IsGrease(type))
        {
            return "GREASE";
        }

        string name = ExtensionType.GetName(type);
        return name == "UNKNOWN" ? $"unknown_{type}" : name;
    }

    public static string Handshake(short type) => HandshakeType.GetName(type);

    public static string Content(short type) => ContentType.GetName(type);

    public static string Group(int group) =>
        IsGrease(group) ? "GREASE" : NamedGroup.GetStandardName(group) ?? Known(NamedGroup.GetName(group), group);

    public static string SignatureScheme(int scheme) =>
        Org.BouncyCastle.Tls.SignatureScheme.GetName(scheme) is { } name && !name.Contains("UNKNOWN", StringComparison.Ordinal)
            ? name
            : $"0x{scheme:x4}";

    public static string Version(int version) => version switch
    {
        0x0300 => "SSLv3",
        0x0301 => "TLSv1",
        0x0302 => "TLSv1.1",
        0x0303 => "TLSv1.2",
        0x0304 => "TLSv1.3",
        _ when IsGrease(version) => "GREASE",
        _ => $"0x{version:x4}",
    };

    public static string CipherSuite(int suite) =>
        IsGrease(suite) ? "GREASE" : Tls.CipherSuiteNames.IanaName(suite);

    private static string Known(string? name, int value) =>
        string.IsNullOrEmpty(name) || name.Contains("UNKNOWN", StringComparison.Ordinal) ? $"0x{value:x4}" : name;
}
