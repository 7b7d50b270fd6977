using System.Security.Cryptography;
using System.Text;
using TlsServer.Engine.Registry;

namespace TlsServer.Engine.Diagnostics;

/// <summary>JA3 (Salesforce) and JA4 (FoxIO, the TLS client part) fingerprints of a ClientHello. GREASE is ignored in both.</summary>
internal static class Fingerprints
{
    public static string Ja3(TlsClientHello hello, ClientHelloView view) => string.Join(",",
        hello.LegacyVersion.ToString(),
        Dashed(hello.CipherSuites),
        Dashed(hello.ExtensionList.Select(e => e.Type)),
        Dashed(view.GroupIds),
        Dashed(view.PointFormats));

    public static string Ja4(TlsClientHello hello, ClientHelloView view)
    {
        var suites = hello.CipherSuites.Where(s => !CodePointNames.IsGrease(s)).ToList();
        var extensions = hello.ExtensionList.Select(e => e.Type).Where(t => !CodePointNames.IsGrease(t)).ToList();
        var a = new StringBuilder("t")
            .Append(Ja4Version(view.SupportedVersionIds.Where(v => !CodePointNames.IsGrease(v)).DefaultIfEmpty(hello.LegacyVersion).Max()))
            .Append(extensions.Contains(0) ? 'd' : 'i')
            .Append(Math.Min(99, suites.Count).ToString("D2"))
            .Append(Math.Min(99, extensions.Count).ToString("D2"))
            .Append(Ja4Alpn(hello.ExtensionList.FirstOrDefault(e => e.Type == 16)));

        string b = suites.Count == 0 ? new string('0', 12) : Sha256Prefix(string.Join(",", suites.Select(Hex4).Order()));
        var sorted = extensions.Where(t => t is not 0 and not 16).Select(Hex4).Order().ToList();
        var schemes = view.SignatureSchemeIds.Where(s => !CodePointNames.IsGrease(s)).Select(Hex4).ToList();
        string cInput = string.Join(",", sorted) + (schemes.Count > 0 ? "_" + string.Join(",", schemes) : string.Empty);
        string c = sorted.Count == 0 ? new string('0', 12) : Sha256Prefix(cInput);
        return $"{a}_{b}_{c}";
    }

    public static string Md5Hex(string text) =>
        Convert.ToHexString(MD5.HashData(Encoding.ASCII.GetBytes(text))).ToLowerInvariant();

    private static string Dashed(IEnumerable<int> values) =>
        string.Join("-", values.Where(v => !CodePointNames.IsGrease(v)));

    private static string Hex4(int value) => value.ToString("x4");

    private static string Sha256Prefix(string text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(text)))[..12].ToLowerInvariant();

    private static string Ja4Version(int version) => version switch
    {
        0x0304 => "13",
        0x0303 => "12",
        0x0302 => "11",
        0x0301 => "10",
        0x0300 => "s3",
        0x0002 => "s2",
        _ => "00",
    };

    private static string Ja4Alpn(TlsExtension? alpn)
    {
        var first = alpn is null ? null : SafeFirstAlpn(alpn.Bytes);
        if (first is not { Length: > 0 })
        {
            return "00";
        }

        if (IsAlphanumeric(first[0]) && IsAlphanumeric(first[^1]))
        {
            return $"{(char)first[0]}{(char)first[^1]}";
        }

        string hex = Convert.ToHexString(first).ToLowerInvariant();
        return $"{hex[0]}{hex[^1]}";
    }

    private static byte[]? SafeFirstAlpn(byte[] data)
    {
        try
        {
            var list = new WireReader(new WireReader(data).Vector16());
            return list.Remaining > 0 ? list.Vector8().ToArray() : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool IsAlphanumeric(byte b) => b is >= 0x30 and <= 0x39 or >= 0x41 and <= 0x5A or >= 0x61 and <= 0x7A;
}
