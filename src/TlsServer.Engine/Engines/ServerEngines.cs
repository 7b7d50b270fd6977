using TlsServer.Engine.CipherSuites;
using TlsServer.Engine.Engines.BouncyCastle;
using TlsServer.Engine.Engines.Platform;

namespace TlsServer.Engine.Engines;

/// <summary>The engines: what each can serve (asked while the configuration is built), and making the one asked for.</summary>
internal static class ServerEngines
{
    public static ICipherSuiteSupport Suites(TlsEngine engine) => engine switch
    {
        TlsEngine.System => SystemSuites.Instance,
        _ => BouncyCastleSuites.Instance,
    };

    /// <summary>Whether the default engine implements a key exchange group: the groups -Group accepts and completes.</summary>
    public static bool ImplementsGroup(int group) => BouncyCastleSupport.HasGroup(group);

    /// <summary>A suite outside OpenSSL's table that the default engine implements, described from its tables; null if none.</summary>
    public static CipherSuiteInfo? DescribeSuite(int id) => BouncyCastleSuites.Describe(id);

    public static IServerEngine Create(ServerConfig config, IConnectionHost host) => config.Engine switch
    {
        TlsEngine.System => new SystemEngine(config, host),
        _ => new BouncyCastleEngine(config, host),
    };
}
