using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace TlsServer.Engine.Verification;

/// <summary>
/// OpenSSL's CRL time check (check_crl_time), which BouncyCastle's PKIX lacks: it passes over an expired CRL as if
/// there were none (OpenSSL: 12, not 3) and uses a CRL that is not yet valid (OpenSSL: 11).
/// </summary>
internal static class CrlValidity
{
    /// <summary>
    /// The first of the <paramref name="checkedCount"/> certificates from the leaf whose issuer has CRLs but none
    /// valid at <paramref name="at"/>, as (code, depth); a certificate without any CRL is left to BouncyCastle (3).
    /// </summary>
    public static (int Code, int Depth) Check(IReadOnlyList<BcCertificate> chain, int checkedCount, IReadOnlyList<X509Crl> crls, DateTime at)
    {
        for (int depth = 0; depth < checkedCount; depth++)
        {
            var issuer = chain[depth].IssuerDN;
            var complete = crls.Where(c => c.IssuerDN.Equivalent(issuer, true) && c.GetExtensionValue(X509Extensions.DeltaCrlIndicator) is null).ToList();
            if (complete.Count > 0 && complete.All(c => Code(c, at) != VerifyError.Ok))
            {
                return (Code(complete[0], at), depth);
            }
        }

        return (VerifyError.Ok, 0);
    }

    private static int Code(X509Crl crl, DateTime at) =>
        crl.ThisUpdate > at ? VerifyError.CrlNotYetValid
        : crl.NextUpdate is { } next && next <= at ? VerifyError.CrlHasExpired
        : VerifyError.Ok;
}
