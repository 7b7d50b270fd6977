using TlsServer.Engine.Config;
using TlsServer.Engine.Faults;

namespace TlsServer.Engine;

/// <summary>The faults a misbehaving server applies (New-TlsFault), checked against what the rest of the options settled.</summary>
public sealed partial class ServerConfig
{
    private static FaultPlan BuildFaults(ServerOptions o, ProtocolConfig protocol, CredentialConfig credentials, TransportConfig transport,
        LimitConfig limits, ResumptionConfig resumption) =>
        FaultPlan.Build(o.Faults, new FaultSettings(o.Engine, protocol.Versions, credentials.Default?.Credentials[0].Chain.Count,
            o.NoCertificate, transport.Kind == ServerTransport.Unix, limits.HandshakeTimeout, !resumption.Tickets,
            transport.Stream.NonBlockingTest));
}
