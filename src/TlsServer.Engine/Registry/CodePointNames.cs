using TlsServer.Engine.CipherSuites;

namespace TlsServer.Engine.Registry;

/// <summary>Names of TLS code points as the RFCs spell them, from the registry's tables; GREASE values named as such.</summary>
internal static class CodePointNames
{
    /// <summary>RFC 8701: 0x0A0A, 0x1A1A … 0xFAFA.</summary>
    public static bool IsGrease(int value) => (value & 0x0F0F) == 0x0A0A && (value >> 8) == (value & 0xFF);

    public static string Extension(int type)
    {
        if (IsGrease(type))
        {
            return "GREASE";
        }

        return ExtensionTypes.RegistryName(type) ?? $"unknown_{type}";
    }

    public static string Handshake(int type) => HandshakeTypes.Name(type);

    public static string Content(int type) => RecordTypes.Name(type);

    public static string Group(int group) => IsGrease(group) ? "GREASE" : NamedGroups.Name(group);

    public static string SignatureScheme(int scheme) => SignatureAlgorithmNames.SchemeName(scheme) ?? $"0x{scheme:x4}";

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
        IsGrease(suite) ? "GREASE" : CipherSuiteNames.IanaName(suite);
}
