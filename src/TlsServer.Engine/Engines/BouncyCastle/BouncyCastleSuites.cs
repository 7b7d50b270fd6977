using TlsServer.Engine.Tls;

namespace TlsServer.Engine.Engines;

/// <summary>The suites BouncyCastle implements.</summary>
internal sealed class BouncyCastleSuites : ICipherSuiteSupport
{
    public static readonly BouncyCastleSuites Instance = new();

    public string? CannotServe(CipherSuiteInfo suite) => CipherSuiteCatalog.Unservable(suite);
}
