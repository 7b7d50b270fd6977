namespace TlsServer.Engine.Config;

/// <summary>The frozen DTLS settings of a server.</summary>
/// <param name="Listen">Answer ClientHellos without a valid cookie statelessly first (HelloVerifyRequest).</param>
/// <param name="DatagramQueueLimit">Datagrams that may wait for one association before new ones are dropped.</param>
/// <param name="IdleTimeout">An association that receives nothing for this long ends.</param>
internal sealed record DtlsConfig(bool Listen, int Mtu, int AssociationLimit, int DatagramQueueLimit, TimeSpan IdleTimeout);
