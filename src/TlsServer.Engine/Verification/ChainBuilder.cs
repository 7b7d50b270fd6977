using Org.BouncyCastle.Asn1.X509;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace TlsServer.Engine.Verification;

/// <summary>
/// Orders a client's certificates into a chain from the leaf towards a trust anchor, looking issuers up by name
/// (trusted certificates first, as OpenSSL does). It judges nothing: BouncyCastle's PKIX validator does that.
/// </summary>
internal static class ChainBuilder
{
    public sealed record Chain(List<BcCertificate> Certificates, BcCertificate? Anchor);

    public static Chain Build(BcCertificate leaf, IReadOnlyList<BcCertificate> sent, TrustStore trust)
    {
        var chain = new List<BcCertificate> { leaf };
        var current = leaf;
        while (true)
        {
            if (trust.Anchors.Any(a => a.Equals(current)))
            {
                return new Chain(chain, current);
            }

            var issuer = FindIssuer(current, trust.Anchors, chain) ?? FindIssuer(current, trust.Intermediates, chain)
                ?? FindIssuer(current, sent, chain);
            if (issuer is null)
            {
                return new Chain(chain, null);
            }

            chain.Add(issuer);
            current = issuer;
        }
    }

    private static BcCertificate? FindIssuer(BcCertificate cert, IReadOnlyList<BcCertificate> candidates, List<BcCertificate> chain) =>
        candidates.FirstOrDefault(c => !chain.Contains(c) && c.SubjectDN.Equivalent(cert.IssuerDN, true) && KeyIdsAgree(cert, c));

    private static bool KeyIdsAgree(BcCertificate cert, BcCertificate issuer)
    {
        var aki = Extensions.Get(cert, X509Extensions.AuthorityKeyIdentifier, AuthorityKeyIdentifier.GetInstance);
        var ski = Extensions.Get(issuer, X509Extensions.SubjectKeyIdentifier, SubjectKeyIdentifier.GetInstance);
        byte[]? akiId = aki?.KeyIdentifier?.GetOctets();
        return akiId is null || ski is null || akiId.AsSpan().SequenceEqual(ski.GetKeyIdentifier());
    }
}
