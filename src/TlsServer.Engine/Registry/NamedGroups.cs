using Org.BouncyCastle.Tls;

namespace TlsServer.Engine.Tls;

/// <summary>Key exchange group names as OpenSSL and IANA spell them (P-256, prime256v1, secp256r1, X25519, ffdhe2048, X25519MLKEM768…).</summary>
internal static class NamedGroups
{
    private static readonly Dictionary<string, int> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["P-256"] = NamedGroup.secp256r1,
        ["prime256v1"] = NamedGroup.secp256r1,
        ["P-384"] = NamedGroup.secp384r1,
        ["P-521"] = NamedGroup.secp521r1,
    };

    public static int[] Parse(IEnumerable<string> names)
    {
        var groups = new List<int>();
        foreach (var name in Split(names))
        {
            int group = Find(name);
            if (group < 0 || !Engines.BouncyCastleSupport.HasGroup(group))
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

    public static string Name(int group) => NamedGroup.GetStandardName(group) ?? NamedGroup.GetName(group);

    /// <summary>Splits list items on ':' and ',' too, so OpenSSL's "X25519:P-256" works.</summary>
    public static IEnumerable<string> Split(IEnumerable<string> items) =>
        items.SelectMany(i => i.Split(new[] { ':', ',' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static int Find(string name)
    {
        if (Aliases.TryGetValue(name, out int alias))
        {
            return alias;
        }

        for (int g = 0; g <= 0x11FF; g++)
        {
            if (string.Equals(NamedGroup.GetStandardName(g), name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(NamedGroup.GetName(g), name, StringComparison.OrdinalIgnoreCase))
            {
                return g;
            }
        }

        return -1;
    }
}
