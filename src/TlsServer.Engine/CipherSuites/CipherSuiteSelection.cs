using TlsServer.Engine.Credentials;

namespace TlsServer.Engine.CipherSuites;

/// <summary>
/// The one expansion of -Cipher and -CipherSuite, for a server (ServerConfig) and for Get-TlsCipherSuite alike: the
/// string, then the rules of OpenSSL and of the options (@SECLEVEL, -NoDhe, -NoCertificate, PSK and SRP, versions, key
/// fit), then what the engine can run.
/// </summary>
internal static class CipherSuiteSelection
{
    public static CipherSelection Select(CipherRequest request, ICipherSuiteSupport engine)
    {
        var warnings = new List<string>();
        var expanded = new List<(CipherSuiteInfo, string?)>();
        if (request.Versions?.Contains(TlsProtocol.Tls13) != false)
        {
            var tls13 = Tls13CipherSuites.Parse(request.Tls13Suites).Select(c => (c, engine.CannotServe(c))).ToArray();
            expanded.AddRange(tls13);
            Warn(warnings, request.Tls13Suites is null ? null : tls13.Select(t => t.c.IanaName).ToHashSet(), tls13);
        }

        if (request.Versions?.Any(p => p != TlsProtocol.Tls13) != false)
        {
            var legacy = Legacy(request, engine, warnings).ToArray();
            expanded.AddRange(legacy);
            Warn(warnings, request.Cipher is null ? null : CipherString.NamedSuites(request.Cipher), legacy);
        }

        return new CipherSelection(expanded, warnings);
    }

    /// <summary>The suites of a request's TLS 1.2-and-older part, each with why it is left out (null when offered).</summary>
    private static IEnumerable<(CipherSuiteInfo, string?)> Legacy(CipherRequest o, ICipherSuiteSupport engine, List<string> warnings)
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

        var versions = o.Versions?.Where(p => p != TlsProtocol.Tls13).ToArray();
        foreach (var c in chosen)
        {
            yield return (c, engine.CannotServe(c)
                ?? MissingSharedSecret(o, c)
                ?? SecurityLevel.Forbids(level, c)
                ?? (o.NoDhe && c.KeyExchange == CipherKeyExchange.Dhe ? "-NoDhe removes DHE suites" : null)
                ?? (versions is not null && !versions.Any(v => ValidFor(c, v)) ? "no allowed protocol version can use it" : null)
                ?? (o.NoCertificate && !KeyExchangeFit.NeedsNoCredential(c.Id) ? "-NoCertificate allows anonymous and PSK or SRP suites only" : null)
                ?? (o.Keys is { } keys && !KeyExchangeFit.NeedsNoCredential(c.Id) && !keys.Any(k => KeyExchangeFit.Fits(c.Id, k))
                    ? $"no certificate has a key that can serve it ({string.Join(", ", keys)})" : null));
        }
    }

    /// <summary>A suite older than TLS 1.3 serves from its first version up to TLS 1.2 (DTLS 1.0 counts as TLS 1.1, DTLS 1.2 as TLS 1.2).</summary>
    private static bool ValidFor(CipherSuiteInfo c, TlsProtocol version)
    {
        var tls = version switch
        {
            TlsProtocol.Dtls10 => TlsProtocol.Tls11,
            TlsProtocol.Dtls12 => TlsProtocol.Tls12,
            _ => version,
        };
        return !c.IsTls13 && tls >= c.MinimumProtocol && tls <= TlsProtocol.Tls12;
    }

    /// <summary>
    /// A suite the user named one by one and that is left out is said once, as a warning. An alias such as HIGH selects
    /// many a server cannot serve, and the defaults' gaps are not news: those are not reported.
    /// </summary>
    private static void Warn(List<string> warnings, IReadOnlySet<string>? named, IEnumerable<(CipherSuiteInfo Suite, string? Why)> suites)
    {
        var dropped = suites
            .Where(s => s.Why is not null && named is not null
                && (named.Contains(s.Suite.IanaName) || (s.Suite.OpenSslName is not null && named.Contains(s.Suite.OpenSslName))))
            .Select(s => $"{s.Suite.OpenSslName ?? s.Suite.IanaName} ({s.Why})").ToArray();
        if (dropped.Length > 0)
        {
            warnings.Add("Cipher suites left out: " + string.Join(", ", dropped) + ".");
        }
    }

    /// <summary>With -Psk or -SrpVerifierPath and no -Cipher, the ones OpenSSL's DEFAULT lacks follow the defaults.</summary>
    private static IEnumerable<CipherSuiteInfo> SharedSecretDefaults(CipherRequest o)
    {
        var extra = Enumerable.Empty<int>();
        if (o.Psk)
        {
            extra = extra.Concat(PskCipherSuites.All);
        }

        if (o.Srp)
        {
            extra = extra.Concat(SrpCipherSuites.All);
        }

        return extra.Select(CipherSuiteCatalog.Get).OfType<CipherSuiteInfo>();
    }

    private static string? MissingSharedSecret(CipherRequest o, CipherSuiteInfo c) => c.KeyExchange switch
    {
        CipherKeyExchange.Psk or CipherKeyExchange.RsaPsk or CipherKeyExchange.DhePsk or CipherKeyExchange.EcdhePsk
            when !o.Psk => "it needs a pre-shared key: add -Psk",
        CipherKeyExchange.Srp when !o.Srp => "it needs SRP users: add -SrpVerifierPath",
        _ => null,
    };

    /// <summary>Every credential set must be able to serve at least one of the suites.</summary>
    public static void CheckEverySetCanServe(IEnumerable<CredentialSet> sets, int[] suites)
    {
        foreach (var set in sets)
        {
            bool any = suites.Any(s => CipherSuiteCatalog.Get(s)?.IsTls13 == true
                ? set.Credentials.Any(c => c.KeyType != KeyType.Dsa)
                : KeyExchangeFit.NeedsNoCredential(s) || set.Credentials.Any(c => KeyExchangeFit.Fits(s, c.KeyType)));
            if (!any)
            {
                throw TlsServerException.Invalid(ErrorIds.NoUsableCipherSuite,
                    $"The certificate{For(set)} ({string.Join(", ", set.Credentials.Select(c => c.KeyType))}) can serve none of the allowed cipher suites. Allow suites for its key type with -Cipher (see Get-TlsCipherSuite), or use another certificate.");
            }
        }
    }

    private static string For(CredentialSet set) => set.HostName is null ? string.Empty : $" for '{set.HostName}'";
}
