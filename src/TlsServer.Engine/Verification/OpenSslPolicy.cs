using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace TlsServer.Engine.Verification;

/// <summary>
/// OpenSSL's rule beside the RFC 5280 policy tree, which BouncyCastle evaluates: with policy processing on
/// (policy_check, or explicit_policy, inhibit_any, inhibit_map or policy, which imply it), when an explicit policy is
/// required and no policy was given, OpenSSL's user policy set is empty, so verification fails with 43
/// (X509_policy_check). BouncyCastle takes anyPolicy as the initial set instead.
/// </summary>
internal static class OpenSslPolicy
{
    /// <summary>Whether a -VerifyOption policy is an OID in dotted form.</summary>
    public static bool IsOid(string policy) => Org.BouncyCastle.Asn1.DerObjectIdentifier.TryFromID(policy, out _);

    public static bool Processing(VerifyOptions o) =>
        o.PolicyCheck || o.ExplicitPolicy || o.InhibitAnyPolicy || o.InhibitPolicyMapping || o.Policies.Count > 0;

    /// <param name="path">The certification path without the trust anchor, leaf first.</param>
    public static bool FailsForLackOfPolicy(VerifyOptions o, IReadOnlyList<BcCertificate> path) =>
        Processing(o) && o.Policies.Count == 0 && path.Count > 0 && ExplicitPolicyRequired(o.ExplicitPolicy, path);

    /// <summary>RFC 5280's explicit_policy counter, counted from the top of the path as OpenSSL's tree_init does.</summary>
    private static bool ExplicitPolicyRequired(bool required, IReadOnlyList<BcCertificate> path)
    {
        int explicitPolicy = required ? 0 : path.Count + 1;
        for (int i = path.Count - 1; i >= 0 && explicitPolicy > 0; i--)
        {
            if (!TrustStore.IsSelfIssued(path[i]))
            {
                explicitPolicy--;
            }

            if (RequireExplicitPolicy(path[i]) is { } skip && skip < explicitPolicy)
            {
                explicitPolicy = skip;
            }
        }

        return explicitPolicy == 0;
    }

    private static int? RequireExplicitPolicy(BcCertificate cert)
    {
        var constraints = Extensions.Get(cert, X509Extensions.PolicyConstraints, Asn1Sequence.GetInstance);
        var tagged = constraints?.OfType<Asn1Encodable>().Select(e => Asn1TaggedObject.GetInstance(e)).FirstOrDefault(t => t.HasContextTag(0));
        return tagged is null ? null : DerInteger.GetTagged(tagged, false).IntValueExact;
    }
}
