using Org.BouncyCastle.Tls;
using TlsServer.Engine.Credentials;

namespace TlsServer.Engine.Tls;

/// <summary>Options that cannot work together, found at start rather than in a client's failed handshake.</summary>
internal static class TlsCompatibility
{
    /// <returns>The versions to serve: without a certificate TLS 1.3 cannot be served, so it is left out with a warning.</returns>
    public static IReadOnlyList<TlsProtocol> Check(ServerOptions o, IReadOnlyList<TlsProtocol> protocols, CredentialSet? main,
        IReadOnlyList<CredentialSet> byName, List<string> warnings)
    {
        if (o.NoCertificate && (o.Certificate is not null || o.CertificatePath is not null || o.AdditionalCertificate is not null
            || o.AdditionalCertificatePath is not null))
        {
            throw Conflict("NoCertificateConflict", "-NoCertificate cannot be used with a certificate; leave out one or the other.");
        }

        if (o.NoCertificate && o.PreSharedKeys is not { Count: > 0 } && protocols.Contains(TlsProtocol.Tls13))
        {
            if (protocols.Count == 1)
            {
                throw Conflict("NoCertificateWithTls13",
                    "-NoCertificate needs TLS 1.2 or older: TLS 1.3 has no anonymous key exchange. Allow Tls12 (or older) as well.");
            }

            warnings.Add("TLS 1.3 is left out: it has no anonymous key exchange, and -NoCertificate serves no certificate.");
            protocols = protocols.Where(p => p != TlsProtocol.Tls13).ToArray();
        }

        if (o.CipherSuites is { Count: 0 } && protocols.Contains(TlsProtocol.Tls13))
        {
            if (protocols.Count == 1)
            {
                throw Conflict("NoTls13CipherSuite", "TLS 1.3 is the only version allowed, but -CipherSuite names no TLS 1.3 suite.");
            }

            warnings.Add("TLS 1.3 is left out: -CipherSuite names no TLS 1.3 suite.");
            protocols = protocols.Where(p => p != TlsProtocol.Tls13).ToArray();
        }

        foreach (var set in byName.Prepend(main).OfType<CredentialSet>())
        {
            if (protocols.All(p => p == TlsProtocol.Tls13) && set.Credentials.All(c => c.KeyType == KeyType.Dsa))
            {
                throw Conflict("DsaWithTls13",
                    $"A DSA certificate{For(set)} cannot serve TLS 1.3, which has no DSA signatures. Allow Tls12 or use an RSA, ECDSA or EdDSA certificate.");
            }
        }

        return protocols;
    }

    /// <summary>Every credential set must be able to serve at least one of the suites.</summary>
    public static void CheckEverySetCanServe(IEnumerable<CredentialSet> sets, int[] suites)
    {
        foreach (var set in sets)
        {
            bool any = suites.Any(s => TlsUtilities.IsTlsV13(TlsUtilities.GetMinimumVersion(s))
                ? set.Credentials.Any(c => c.KeyType != KeyType.Dsa)
                : KeyExchangeFit.NeedsNoCredential(s) || set.Credentials.Any(c => KeyExchangeFit.Fits(s, c.KeyType)));
            if (!any)
            {
                throw Conflict("NoUsableCipherSuite",
                    $"The certificate{For(set)} ({string.Join(", ", set.Credentials.Select(c => c.KeyType))}) can serve none of the allowed cipher suites. Allow suites for its key type with -Cipher (see Get-TlsCipherSuite), or use another certificate.");
            }
        }
    }

    private static string For(CredentialSet set) => set.HostName is null ? string.Empty : $" for '{set.HostName}'";

    private static TlsServerException Conflict(string id, string message) => new(id, ErrorKind.InvalidArgument, message);
}
