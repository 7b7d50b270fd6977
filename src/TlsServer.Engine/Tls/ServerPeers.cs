using TlsServer.Engine.Sessions;

namespace TlsServer.Engine.Tls;

/// <summary>Picks the peer a connection needs: certificates only, or with PSK and SRP key exchanges as well.</summary>
internal static class ServerPeers
{
    public static ServerPeer Create(TlsConfiguration config, SessionRecord record) =>
        config.Psk is null && config.Srp is null ? new ServerPeer(config, record) : new SharedSecretServerPeer(config, record);
}
