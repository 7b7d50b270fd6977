using Org.BouncyCastle.Pkix;
using Org.BouncyCastle.X509;

namespace TlsServer.Engine.Verification;

/// <summary>ignore_critical: a PKIX checker that marks every unhandled critical extension as handled.</summary>
internal sealed class IgnoreCriticalExtensions : PkixCertPathChecker
{
    public override void Init(bool forward)
    {
    }

    public override bool IsForwardCheckingSupported() => true;

    public override ISet<string> GetSupportedExtensions() => new HashSet<string>();

    public override void Check(X509Certificate cert, ISet<string> unresolvedCritExts) => unresolvedCritExts.Clear();
}
