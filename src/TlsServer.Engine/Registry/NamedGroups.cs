using TlsServer.Engine.Engines;

namespace TlsServer.Engine.Registry;

/// <summary>
/// Key exchange groups (IANA's TLS Supported Groups registry) by value, with the registry's name and the curve's or
/// scheme's own name where it differs; and the names -Group takes: both of those, and OpenSSL's P-256, prime256v1,
/// P-384 and P-521.
/// </summary>
internal static class NamedGroups
{
    public const int Secp256r1 = 23;
    public const int Secp384r1 = 24;
    public const int Secp521r1 = 25;
    public const int X25519 = 29;
    public const int X448 = 30;
    public const int Ffdhe2048 = 256;
    public const int Ffdhe3072 = 257;
    public const int Ffdhe4096 = 258;
    public const int Ffdhe6144 = 259;
    public const int Ffdhe8192 = 260;

    /// <summary>Names are looked up among the groups up to the hybrids; the private-use and explicit-curve values have none.</summary>
    private const int MaxNamed = 0x11FF;

    /// <summary>The registry: value, IANA name, and the standard name of the curve or scheme when it has another.</summary>
    private static readonly (int Id, string Name, string? Standard)[] Registered = Build();

    private static readonly Dictionary<string, int> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["P-256"] = Secp256r1,
        ["prime256v1"] = Secp256r1,
        ["P-384"] = Secp384r1,
        ["P-521"] = Secp521r1,
    };

    public static int[] Parse(IEnumerable<string> names)
    {
        var groups = new List<int>();
        foreach (var name in Split(names))
        {
            int group = Find(name);
            if (group < 0 || !ServerEngines.ImplementsGroup(group))
            {
                throw TlsServerException.Invalid(ErrorIds.GroupUnknown,
                    $"'{name}' is not a key exchange group this server knows. Use names such as X25519, X448, P-256, P-384, P-521, ffdhe2048…ffdhe8192, X25519MLKEM768, SecP256r1MLKEM768 or SecP384r1MLKEM1024.",
                    name);
            }

            if (!groups.Contains(group))
            {
                groups.Add(group);
            }
        }

        return groups.ToArray();
    }

    /// <summary>A group's standard name (X25519, secp256r1, ML-KEM-768), else its registry name, else its value in hex.</summary>
    public static string Name(int group) =>
        Registered.FirstOrDefault(g => g.Id == group) is { Name: not null } known ? known.Standard ?? known.Name : $"0x{group:x4}";

    /// <summary>
    /// The names -Group offers for completion, one per group the server can use: OpenSSL's spelling (P-256, X25519,
    /// ffdhe2048, X25519MLKEM768…), its default groups first.
    /// </summary>
    public static IReadOnlyList<string> Offered() =>
        DefaultGroups.All.Concat(Registered.Select(g => g.Id)).Distinct()
            .Where(g => g <= MaxNamed && ServerEngines.ImplementsGroup(g))
            .Select(OfferedName).ToArray();

    /// <summary>Splits list items on ':' and ',' too, so OpenSSL's "X25519:P-256" works.</summary>
    public static IEnumerable<string> Split(IEnumerable<string> items) =>
        items.SelectMany(i => i.Split(new[] { ':', ',' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static int Find(string name)
    {
        if (Aliases.TryGetValue(name, out int alias))
        {
            return alias;
        }

        foreach (var g in Registered)
        {
            if (g.Id <= MaxNamed && (string.Equals(g.Standard, name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                return g.Id;
            }
        }

        return -1;
    }

    private static string OfferedName(int group)
    {
        var alias = Aliases.FirstOrDefault(a => a.Value == group && a.Key.StartsWith("P-", StringComparison.Ordinal)).Key;
        var g = Registered.First(r => r.Id == group);
        return alias ?? (string.Equals(g.Standard, g.Name, StringComparison.OrdinalIgnoreCase) ? g.Standard! : g.Name);
    }

    private static (int, string, string?)[] Build()
    {
        var all = new List<(int, string, string?)>();
        string[] binary = { "sect163k1", "sect163r1", "sect163r2", "sect193r1", "sect193r2", "sect233k1", "sect233r1",
            "sect239k1", "sect283k1", "sect283r1", "sect409k1", "sect409r1", "sect571k1", "sect571r1" };
        string[] prime = { "secp160k1", "secp160r1", "secp160r2", "secp192k1", "secp192r1", "secp224k1", "secp224r1",
            "secp256k1", "secp256r1", "secp384r1", "secp521r1", "brainpoolP256r1", "brainpoolP384r1", "brainpoolP512r1" };
        all.AddRange(binary.Concat(prime).Select((name, i) => (i + 1, name, (string?)null)));
        all.Add((X25519, "x25519", "X25519"));
        all.Add((X448, "x448", "X448"));
        all.Add((31, "brainpoolP256r1tls13", "brainpoolP256r1"));
        all.Add((32, "brainpoolP384r1tls13", "brainpoolP384r1"));
        all.Add((33, "brainpoolP512r1tls13", "brainpoolP512r1"));
        all.Add((34, "GC256A", "Tc26-Gost-3410-12-256-paramSetA"));
        all.Add((35, "GC256B", "GostR3410-2001-CryptoPro-A"));
        all.Add((36, "GC256C", "GostR3410-2001-CryptoPro-B"));
        all.Add((37, "GC256D", "GostR3410-2001-CryptoPro-C"));
        all.Add((38, "GC512A", "Tc26-Gost-3410-12-512-paramSetA"));
        all.Add((39, "GC512B", "Tc26-Gost-3410-12-512-paramSetB"));
        all.Add((40, "GC512C", "Tc26-Gost-3410-12-512-paramSetC"));
        all.Add((41, "curveSM2", "sm2p256v1"));
        all.AddRange(new[] { 2048, 3072, 4096, 6144, 8192 }.Select((bits, i) => (Ffdhe2048 + i, $"ffdhe{bits}", (string?)null)));
        all.AddRange(Enumerable.Range(0x01FC, 4).Select(id => (id, "PRIVATE", (string?)null)));
        all.Add((0x0200, "MLKEM512", "ML-KEM-512"));
        all.Add((0x0201, "MLKEM768", "ML-KEM-768"));
        all.Add((0x0202, "MLKEM1024", "ML-KEM-1024"));
        all.Add((0x11EB, "SecP256r1MLKEM768", null));
        all.Add((0x11EC, "X25519MLKEM768", null));
        all.Add((0x11ED, "SecP384r1MLKEM1024", null));
        all.Add((0x11EE, "curveSM2MLKEM768", null));
        all.AddRange(Enumerable.Range(0xFE00, 0x100).Select(id => (id, "PRIVATE", (string?)null)));
        all.Add((0xFF01, "arbitrary_explicit_prime_curves", null));
        all.Add((0xFF02, "arbitrary_explicit_char2_curves", null));
        return all.ToArray();
    }
}
