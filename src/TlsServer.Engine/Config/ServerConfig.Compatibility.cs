using TlsServer.Engine.Config;
using TlsServer.Engine.Credentials;

namespace TlsServer.Engine;

/// <summary>Options that cannot work together, found at start rather than in a client's failed handshake.</summary>
public sealed partial class ServerConfig
{
    /// <returns>The versions to serve: without a certificate TLS 1.3 cannot be served, so it is left out with a warning.</returns>
    private static IReadOnlyList<TlsProtocol> CheckCompatibility(ServerOptions o, IReadOnlyList<TlsProtocol> protocols, CredentialConfig credentials,
        List<string> warnings)
    {
        if (o.NoCertificate && (o.Certificate is not null || o.CertificatePath is not null || o.AdditionalCertificate is not null
            || o.AdditionalCertificatePath is not null))
        {
            throw TlsServerException.Invalid(ErrorIds.NoCertificateConflict, "-NoCertificate cannot be used with a certificate; leave out one or the other.");
        }

        if (o.NoCertificate && o.PreSharedKeys is not { Count: > 0 } && protocols.Contains(TlsProtocol.Tls13))
        {
            if (protocols.Count == 1)
            {
                throw TlsServerException.Invalid(ErrorIds.NoCertificateWithTls13,
                    "-NoCertificate needs TLS 1.2 or older: TLS 1.3 has no anonymous key exchange. Allow Tls12 (or older) as well.");
            }

            warnings.Add("TLS 1.3 is left out: it has no anonymous key exchange, and -NoCertificate serves no certificate.");
            protocols = protocols.Where(p => p != TlsProtocol.Tls13).ToArray();
        }

        if (o.CipherSuites is { Count: 0 } && protocols.Contains(TlsProtocol.Tls13))
        {
            if (protocols.Count == 1)
            {
                throw TlsServerException.Invalid(ErrorIds.NoTls13CipherSuite, "TLS 1.3 is the only version allowed, but -CipherSuite names no TLS 1.3 suite.");
            }

            warnings.Add("TLS 1.3 is left out: -CipherSuite names no TLS 1.3 suite.");
            protocols = protocols.Where(p => p != TlsProtocol.Tls13).ToArray();
        }

        foreach (var set in credentials.All)
        {
            if (protocols.All(p => p == TlsProtocol.Tls13) && set.Credentials.All(c => c.KeyType == KeyType.Dsa))
            {
                throw TlsServerException.Invalid(ErrorIds.DsaWithTls13,
                    $"A DSA certificate{ForSet(set)} cannot serve TLS 1.3, which has no DSA signatures. Allow Tls12 or use an RSA, ECDSA or EdDSA certificate.");
            }
        }

        return protocols;
    }

    private static string ForSet(CredentialSet set) => set.HostName is null ? string.Empty : $" for '{set.HostName}'";
}
