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
        var reasons = new List<string>();
        var suites = new List<int>();
        if (protocols.Contains(TlsProtocol.Tls13))
        {
            suites.AddRange(Tls13CipherSuites.Parse(o.CipherSuites).Select(s => s.Id));
        }

        if (protocols.Any(p => p != TlsProtocol.Tls13))
        {
            suites.AddRange(Legacy(o, protocols, sets, warnings, reasons));
        }

        if (suites.Count == 0)
        {
            throw new TlsServerException("NoCipherSuite", ErrorKind.InvalidArgument,
                "No cipher suite is left to serve " + string.Join(", ", protocols) + ". " + string.Join(" ", warnings)
                + (reasons.Count == 0 ? string.Empty : " The suites selected were left out because "
                    + string.Join("; ", reasons.GroupBy(r => r).Select(g => $"{g.Key} ({g.Count()})")) + "."), o.Cipher);
        }

        return (suites.ToArray(), warnings);
    }

    /// <param name="reasons">Why each suite was left out, for the error when none is left.</param>
    private static IEnumerable<int> Legacy(ServerOptions o, IReadOnlyList<TlsProtocol> protocols, IReadOnlyList<CredentialSet> sets,
        List<string> warnings, List<string> reasons)
    {
        IReadOnlyList<CipherSuiteInfo> chosen;
        int level = 0;
        if (o.Cipher is null)
        {
            chosen = (o.NoCertificate
                ? CipherString.Expand("aNULL:!eNULL").Suites
                : DefaultCipherSuites.Legacy).Concat(SharedSecretDefaults(o)).Distinct().ToArray();
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
        var versions = protocols.Where(p => p != TlsProtocol.Tls13).Select(ProtocolVersions.ToBc).ToArray();
        // Only suites the string names one by one are reported: an alias such as HIGH selects many a server cannot serve.
        var named = o.Cipher is null ? new HashSet<string>() : CipherString.NamedSuites(o.Cipher);
        var dropped = new List<string>();
        foreach (var c in chosen)
        {
            string? why = CipherSuiteCatalog.Unservable(c)
                ?? MissingSharedSecret(o, c)
                ?? SecurityLevel.Forbids(level, c)
                ?? (o.NoDhe && c.KeyExchange == CipherKeyExchange.Dhe ? "-NoDhe removes DHE suites" : null)
                ?? (!versions.Any(v => TlsUtilities.IsValidVersionForCipherSuite(c.Id, v)) ? "no allowed protocol version can use it" : null)
                ?? (o.NoCertificate && !KeyExchangeFit.NeedsNoCredential(c.Id) ? "-NoCertificate allows anonymous and PSK or SRP suites only" : null)
                ?? (!KeyExchangeFit.NeedsNoCredential(c.Id) && !keys.Any(k => KeyExchangeFit.Fits(c.Id, k))
                    ? $"no certificate has a key that can serve it ({string.Join(", ", keys)})" : null);
            if (why is null)
            {
                yield return c.Id;
            }
            else
            {
                reasons.Add(why);
                if (named.Contains(c.IanaName) || (c.OpenSslName is not null && named.Contains(c.OpenSslName)))
                {
                    dropped.Add($"{c.OpenSslName ?? c.IanaName} ({why})");
                }
            }
        }

        if (dropped.Count > 0)
        {
            warnings.Add("Cipher suites left out: " + string.Join(", ", dropped) + ".");
        }
    }

    /// <summary>With -Psk or -SrpVerifierPath and no -Cipher, the ones OpenSSL's DEFAULT lacks follow the defaults.</summary>
    private static IEnumerable<CipherSuiteInfo> SharedSecretDefaults(ServerOptions o)
    {
        var extra = Enumerable.Empty<int>();
        if (o.PreSharedKeys is { Count: > 0 })
        {
            extra = extra.Concat(Psk.PskCipherSuites.All);
        }

        if (o.SrpVerifierPath is not null)
        {
            extra = extra.Concat(Srp.SrpCipherSuites.All);
        }

        return extra.Select(CipherSuiteCatalog.Get).OfType<CipherSuiteInfo>();
    }

    private static string? MissingSharedSecret(ServerOptions o, CipherSuiteInfo c) => c.KeyExchange switch
    {
        CipherKeyExchange.Psk or CipherKeyExchange.RsaPsk or CipherKeyExchange.DhePsk or CipherKeyExchange.EcdhePsk
            when o.PreSharedKeys is not { Count: > 0 } => "it needs a pre-shared key: add -Psk",
        CipherKeyExchange.Srp when o.SrpVerifierPath is null => "it needs SRP users: add -SrpVerifierPath",
        _ => null,
    };
}
