using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Pkix;
using Org.BouncyCastle.Utilities.Collections;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace TlsServer.Engine.Verification;

/// <summary>
/// Verifies a client's chain as s_server would, in OpenSSL's order: chain building, purpose, identity, key
/// strength, then BouncyCastle's PKIX validation (signatures, validity, CA flags, path length, policies) and
/// last the CRL check. Safe to share between connections; all its inputs are frozen.
/// </summary>
internal sealed class ClientCertificateVerifier
{
    private readonly TrustStore _trust;
    private readonly VerifyOptions _options;
    private readonly int _depth;
    private readonly string _purpose;
    private readonly bool _crlCheck;
    private readonly bool _crlCheckAll;

    public ClientCertificateVerifier(Config.ClientVerifyConfig verify, TrustStore trust)
    {
        _trust = trust;
        _options = verify.Verify;
        _depth = verify.VerifyDepth;
        _purpose = verify.Purpose;
        _crlCheck = verify.CrlCheck;
        _crlCheckAll = verify.CrlCheckAll;
    }

    /// <param name="sent">The client's Certificate message, leaf first.</param>
    public CertificateVerifyResult Verify(IReadOnlyList<BcCertificate> sent)
    {
        try
        {
            return VerifyChain(sent);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // BouncyCastle throws plain exceptions for some malformed certificates and CRLs: a client's bad input is a verdict, not a crash.
            return Result(VerifyError.Unspecified, 0, sent.ToList(), null, e.Message);
        }
    }

    private CertificateVerifyResult VerifyChain(IReadOnlyList<BcCertificate> sent)
    {
        var built = ChainBuilder.Build(sent[0], sent.Skip(1).ToList(), _trust);
        var chain = built.Certificates;
        if (built.Anchor is null)
        {
            int top = chain.Count - 1;
            int code = !TrustStore.IsSelfIssued(chain[top]) ? VerifyError.UnableToGetIssuerLocally
                : top == 0 ? VerifyError.DepthZeroSelfSigned : VerifyError.SelfSignedInChain;
            return Result(code, top, chain, null);
        }

        if (chain.Count > _depth + 2)
        {
            return Result(VerifyError.ChainTooLong, _depth + 2, chain, built.Anchor);
        }

        int purpose = CertificateChecks.Purpose(chain[0], _purpose);
        if (purpose != VerifyError.Ok)
        {
            return Result(purpose, 0, chain, built.Anchor);
        }

        int identity = CertificateChecks.Identity(chain[0], _options);
        if (identity != VerifyError.Ok)
        {
            return Result(identity, 0, chain, built.Anchor);
        }

        if (_options.AuthLevel is { } level)
        {
            var (code, depth) = CertificateChecks.KeyStrength(chain, level);
            if (code != VerifyError.Ok)
            {
                return Result(code, depth, chain, built.Anchor);
            }
        }

        if (_options.CheckSelfSignedSignature && !SignedBy(built.Anchor, built.Anchor))
        {
            return Result(VerifyError.CertSignatureFailure, chain.Count - 1, chain, built.Anchor);
        }

        var path = chain.Count == 1 ? chain : chain.Take(chain.Count - 1).ToList();
        if (_crlCheck || _crlCheckAll)
        {
            var (code, depth) = CrlValidity.Check(chain, _crlCheckAll ? path.Count : 1, _trust.Crls, _options.AtTime?.UtcDateTime ?? DateTime.UtcNow);
            if (code != VerifyError.Ok)
            {
                return Result(code, depth, chain, built.Anchor);
            }
        }

        PkixCertPathValidatorResult validated;
        try
        {
            validated = Validate(path, built.Anchor, revocation: _crlCheckAll);
            if (_crlCheck && !_crlCheckAll)
            {
                Validate(chain.Take(1).ToList(), chain.Count > 1 ? chain[1] : chain[0], revocation: true);
            }
        }
        catch (PkixCertPathValidatorException e)
        {
            int code = PathFailure.Code(e);
            // OpenSSL checks policy after the whole chain and reports 43 at depth 0
            int depth = code == VerifyError.NoExplicitPolicy ? 0 : e.Index >= 0 && e.Index < chain.Count ? e.Index : chain.Count - 1;
            return Result(code, depth, chain, built.Anchor, e.Message);
        }

        if (chain.Count > 1 && OpenSslPolicy.FailsForLackOfPolicy(_options, path))
        {
            return Result(VerifyError.NoExplicitPolicy, 0, chain, built.Anchor);
        }

        var policies = _options.PolicyPrint ? ValidPolicies(validated.PolicyTree) : Array.Empty<string>();
        return Result(VerifyError.Ok, null, chain, built.Anchor, null, policies);
    }

    private PkixCertPathValidatorResult Validate(List<BcCertificate> path, BcCertificate anchor, bool revocation)
    {
        var parameters = new PkixParameters(new HashSet<TrustAnchor> { new(anchor, null) })
        {
            IsRevocationEnabled = revocation,
            IsExplicitPolicyRequired = _options.ExplicitPolicy,
            IsAnyPolicyInhibited = _options.InhibitAnyPolicy,
            IsPolicyMappingInhibited = _options.InhibitPolicyMapping,
            IsUseDeltasEnabled = _options.UseDeltas,
            Date = _options.AtTime?.UtcDateTime,
        };
        if (_options.Policies.Count > 0)
        {
            parameters.SetInitialPolicies(new HashSet<string>(_options.Policies));
        }

        if (_options.IgnoreCritical)
        {
            parameters.AddCertPathChecker(new IgnoreCriticalExtensions());
        }

        parameters.AddStoreCrl(CollectionUtilities.CreateStore(_trust.Crls));
        return new PkixCertPathValidator().Validate(new PkixCertPath(path), parameters);
    }

    private static bool SignedBy(BcCertificate cert, BcCertificate issuer)
    {
        try
        {
            cert.Verify(issuer.GetPublicKey());
            return true;
        }
        catch (Exception e) when (e is Org.BouncyCastle.Security.GeneralSecurityException or Org.BouncyCastle.Crypto.InvalidCipherTextException or ArgumentException)
        {
            return false;
        }
    }

    private static IReadOnlyList<string> ValidPolicies(PkixPolicyNode? node)
    {
        var policies = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<PkixPolicyNode>();
        if (node is not null)
        {
            pending.Push(node);
        }

        while (pending.TryPop(out var n))
        {
            policies.Add(n.ValidPolicy);
            foreach (var child in n.Children)
            {
                pending.Push(child);
            }
        }

        return policies.ToArray();
    }

    private static CertificateVerifyResult Result(int code, int? depth, List<BcCertificate> chain, BcCertificate? anchor,
        string? detail = null, IReadOnlyList<string>? policies = null)
    {
        var certificates = chain.Select(c => new X509Certificate2(c.GetEncoded())).ToArray();
        return new CertificateVerifyResult(code, VerifyError.Text(code), depth,
            depth is { } d && d < certificates.Length ? certificates[d] : null,
            anchor is null ? null : certificates[chain.IndexOf(anchor)], certificates, detail, policies ?? Array.Empty<string>());
    }
}
