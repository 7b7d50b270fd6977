namespace TlsServer.Engine.Connections.Dtls;

/// <summary>The frozen DTLS settings of a server.</summary>
internal sealed record DtlsSettings(bool Listen, int Mtu, int AssociationLimit, int DatagramQueueLimit, TimeSpan IdleTimeout)
{
    public static DtlsSettings From(ServerOptions o) =>
        new(o.Listen, o.Mtu, o.AssociationLimit, ServerOptions.DefaultDatagramQueueLimit, o.IdleTimeout ?? ServerOptions.DefaultAssociationIdleTimeout);
}
