using TlsServer.Engine.Engines.Platform;
using TlsServer.Engine.Tls;

namespace TlsServer.Engine.Engines;

/// <summary>Makes the engine the options ask for, once the shared TLS settings are frozen.</summary>
internal static class ServerEngines
{
    public static IServerEngine Create(ServerOptions options, TlsConfiguration tls, Faults.FaultPlan faults) => options.Engine switch
    {
        TlsEngine.System => new SystemEngine(options, tls),
        _ => new BouncyCastleEngine(tls, faults),
    };
}
