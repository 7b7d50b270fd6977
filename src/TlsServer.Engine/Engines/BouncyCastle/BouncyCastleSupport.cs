using Org.BouncyCastle.Tls;
using TlsServer.Engine.Engines.BouncyCastle.Crypto;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>What BouncyCastle's crypto can serve, asked while the configuration is built (before any engine exists).</summary>
internal static class BouncyCastleSupport
{
    private static readonly DotNetTlsCrypto Crypto = new();

    public static bool HasGroup(int group) => TlsUtilities.IsSupportedNamedGroup(Crypto, group);

    /// <summary>The suites of the list the crypto can run, in the same order.</summary>
    public static int[] SupportedSuites(int[] suites) => TlsUtilities.GetSupportedCipherSuites(Crypto, suites);
}
