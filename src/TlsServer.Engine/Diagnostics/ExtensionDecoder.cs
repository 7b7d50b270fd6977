using TlsServer.Engine.Registry;

namespace TlsServer.Engine.Diagnostics;

/// <summary>Decodes the extensions this module knows into words; others stay bytes.</summary>
internal static class ExtensionDecoder
{
    public static List<TlsExtension> ReadAll(ReadOnlySpan<byte> block, bool fromClient)
    {
        var extensions = new List<TlsExtension>();
        var reader = new WireReader(block);
        while (reader.Remaining > 0)
        {
            int type = reader.U16();
            var data = reader.Vector16();
            extensions.Add(new TlsExtension(type, CodePointNames.Extension(type), data.ToArray(), fromClient));
        }

        return extensions;
    }

    public static string? TryDecode(int type, ReadOnlySpan<byte> data, bool fromClient)
    {
        try
        {
            return Decode(type, data, fromClient);
        }
        catch (FormatException)
        {
            return "(malformed)";
        }
    }

    private static string? Decode(int type, ReadOnlySpan<byte> data, bool fromClient)
    {
        var r = new WireReader(data);
        switch (type)
        {
            case 0 when fromClient:
                return string.Join(", ", ServerNames(data));
            case 0:
                return "(acknowledged)";
            case 5 when fromClient:
                return r.U8() == 1 ? "ocsp" : "other";
            case 10:
                return Join(WireReader.U16List(r.Vector16()), CodePointNames.Group);
            case 11:
                return string.Join(", ", r.Vector8().ToArray().Select(f => f switch { 0 => "uncompressed", 1 => "ansiX962_compressed_prime", 2 => "ansiX962_compressed_char2", _ => f.ToString() }));
            case 13:
            case 50:
                return Join(WireReader.U16List(r.Vector16()), CodePointNames.SignatureScheme);
            case 16:
                return string.Join(", ", Alpn(data));
            case 43 when fromClient:
                return Join(WireReader.U16List(r.Vector8()), CodePointNames.Version);
            case 43:
                return CodePointNames.Version(r.U16());
            case 45:
                return string.Join(", ", r.Vector8().ToArray().Select(m => m switch { 0 => "psk_ke", 1 => "psk_dhe_ke", _ => m.ToString() }));
            case 51 when fromClient:
                return string.Join(", ", KeyShares(r.Vector16()).Select(s => $"{CodePointNames.Group(s.Group)} ({s.Length} bytes)"));
            case 51 when data.Length == 2:
                return $"retry with {CodePointNames.Group(r.U16())}";
            case 51:
                int group = r.U16();
                return $"{CodePointNames.Group(group)} ({r.Vector16().Length} bytes)";
            case 65281:
                return data.Length <= 1 ? "(initial handshake)" : $"{data.Length - 1} bytes of verify data";
            default:
                return data.Length == 0 ? "(empty)" : null;
        }
    }

    public static List<string> ServerNames(ReadOnlySpan<byte> data)
    {
        var names = new List<string>();
        var list = new WireReader(new WireReader(data).Vector16());
        while (list.Remaining > 0)
        {
            int nameType = list.U8();
            var name = list.Vector16();
            if (nameType == 0)
            {
                names.Add(PrintableText.FromAscii(name));
            }
        }

        return names;
    }

    public static List<string> Alpn(ReadOnlySpan<byte> data)
    {
        var names = new List<string>();
        var list = new WireReader(new WireReader(data).Vector16());
        while (list.Remaining > 0)
        {
            names.Add(PrintableText.FromUtf8(list.Vector8()));
        }

        return names;
    }

    public static List<(int Group, int Length)> KeyShares(ReadOnlySpan<byte> entries)
    {
        var shares = new List<(int, int)>();
        var r = new WireReader(entries);
        while (r.Remaining > 0)
        {
            int group = r.U16();
            shares.Add((group, r.Vector16().Length));
        }

        return shares;
    }

    private static string Join(IEnumerable<int> values, Func<int, string> name) => string.Join(", ", values.Select(name));
}
