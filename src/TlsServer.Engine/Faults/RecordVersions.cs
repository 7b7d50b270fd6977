using System.Globalization;

namespace TlsServer.Engine.Faults;

/// <summary>Record-layer versions as OpenSSL prints them (TLSv1.2), as TlsProtocol names them (Tls12), or as 0x-hex.</summary>
internal static class RecordVersions
{
    private static readonly (string Name, int Version)[] Known =
    {
        ("SSLv3", 0x0300), ("Ssl3", 0x0300),
        ("TLSv1", 0x0301), ("TLSv1.0", 0x0301), ("Tls10", 0x0301),
        ("TLSv1.1", 0x0302), ("Tls11", 0x0302),
        ("TLSv1.2", 0x0303), ("Tls12", 0x0303),
        ("TLSv1.3", 0x0304), ("Tls13", 0x0304),
    };

    /// <summary>What tab completion offers: the names, and two versions no TLS peer sends.</summary>
    public static IReadOnlyList<string> Names { get; } = new[] { "SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3", "0x0200", "0x0305" };

    public static bool TryParse(string text, out int version)
    {
        text = text.Trim();
        foreach (var known in Known)
        {
            if (string.Equals(known.Name, text, StringComparison.OrdinalIgnoreCase))
            {
                version = known.Version;
                return true;
            }
        }

        version = 0;
        return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out version)
            && version is >= 0 and <= 0xffff;
    }

    public static string Text(int version) => $"0x{version:x4}";
}
