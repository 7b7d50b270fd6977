using Org.BouncyCastle.Tls;
using TlsServer.Engine.Credentials;

namespace TlsServer.Engine.Tls;

/// <summary>The suites a server offers: -CipherSuite for TLS 1.3, -Cipher for older versions, less what it cannot serve.</summary>
internal static class ServerCipherSuites
{
    /// <returns>The suites in the server's order, and a warning for each part of the options that selected nothing usable.</returns>
    public static (int[] Suites, IReadOnlyList<string> Warnings) Resolve(ServerOptions o, IReadOnlyList<TlsProtocol> protocols,
        IReadOnlyList<CredentialSet> sets)
    {
        var warnings = new List<string>();
        var suites = new List<int>();
        if (protocols.Contains(TlsProtocol.Tls13))
        {
            suites.AddRange(Tls13CipherSuites.Parse(o.CipherSuites).Select(s => s.Id));
        }

        if (protocols.Any(p => p < TlsProtocol.Tls13))
        {
            suites.AddRange(Legacy(o, protocols, sets, warnings));
        }

        if (suites.Count == 0)
        {
            throw new TlsServerException("NoCipherSuite", ErrorKind.InvalidArgument,
                "No cipher suite is left to serve " + string.Join(", ", protocols) + ". " + string.Join(" ", warnings), o.Cipher);
        }

        return (suites.ToArray(), warnings);
    }

    private static IEnumerable<int> Legacy(ServerOptions o, IReadOnlyList<TlsProtocol> protocols, IReadOnlyList<CredentialSet> sets,
        List<string> warnings)
    {
        IReadOnlyList<CipherSuiteInfo> chosen;
        int level = 0;
        if (o.Cipher is null)
        {
            chosen = o.NoCertificate
                ? CipherString.Expand("aNULL:!eNULL").Suites
                : DefaultCipherSuites.Legacy;
        }
        else
        {
            var expanded = CipherString.ExpandSome(o.Cipher);
            if (expanded.Unmatched.Count > 0)
            {
                warnings.Add(CipherString.DescribeUnmatched(expanded.Unmatched));
            }

            chosen = expanded.Suites;
            level = expanded.SecurityLevel ?? 0;
        }

        var keys = sets.SelectMany(s => s.Credentials).Select(c => c.KeyType).Distinct().ToArray();
        var versions = protocols.Where(p => p < TlsProtocol.Tls13).Select(ProtocolVersions.ToBc).ToArray();
        var dropped = new List<string>();
        foreach (var c in chosen)
        {
            string? why = CipherSuiteCatalog.Unservable(c)
                ?? SecurityLevel.Forbids(level, c)
                ?? (o.NoDhe && c.KeyExchange == CipherKeyExchange.Dhe ? "-NoDhe removes DHE suites" : null)
                ?? (!versions.Any(v => TlsUtilities.IsValidVersionForCipherSuite(c.Id, v)) ? "no allowed protocol version can use it" : null)
                ?? (o.NoCertificate && c.Authentication != CipherAuthentication.Null ? "-NoCertificate allows anonymous suites only" : null)
                ?? (c.Authentication != CipherAuthentication.Null && !keys.Any(k => KeyExchangeFit.Fits(c.Id, k))
                    ? $"no certificate has a key that can serve it ({string.Join(", ", keys)})" : null);
            if (why is null)
            {
                yield return c.Id;
            }
            else
            {
                dropped.Add($"{c.OpenSslName ?? c.IanaName} ({why})");
            }
        }

        if (dropped.Count > 0 && o.Cipher is not null)
        {
            warnings.Add("Cipher suites left out: " + string.Join(", ", dropped) + ".");
        }
    }
}
