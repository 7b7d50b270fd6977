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

    public static IServerEngine Create(ServerConfig config, IConnectionHost host) => config.Engine switch
    {
        TlsEngine.System => new SystemEngine(config, host),
        _ => new BouncyCastleEngine(config, host),
    };
}
