using TlsServer.Engine.CipherSuites;

namespace TlsServer.Engine.Engines.Platform;

/// <summary>
/// The suites SslStream can be told to use: those the platform's OpenSSL knows by name (its CipherSuitesPolicy takes
/// only those), of the ones the shared selection already knows how to serve.
/// </summary>
internal sealed class SystemSuites : ICipherSuiteSupport
{
    public static readonly SystemSuites Instance = new();

    public string? CannotServe(CipherSuiteInfo suite) =>
        suite.OpenSslName is null ? "the System engine serves only suites OpenSSL knows (SslStream's CipherSuitesPolicy)"
            : ServerEngines.Suites(TlsEngine.BouncyCastle).CannotServe(suite);
}
