using TlsServer.Engine.Config;
using TlsServer.Engine.Registry;
using TlsServer.Engine.Transports;

namespace TlsServer.Engine;

/// <summary>Where the server listens: TCP (-Address, -Port, -Accept, -AddressFamily), a Unix socket, or UDP for DTLS.</summary>
public sealed partial class ServerConfig
{
    private static TransportConfig BuildTransport(ServerOptions o, IReadOnlyList<TlsProtocol> versions)
    {
        bool dtls = versions.Any(ProtocolVersions.IsDtls);
        if (o.Listen && !dtls)
        {
            throw TlsServerException.Invalid(ErrorIds.ListenNeedsDtls, "-Listen is the DTLS cookie exchange; add -Dtls or -Protocol Dtls10/Dtls12.", o.Listen);
        }

        if (!dtls && DtlsOnlyOptions(o) is { Length: > 0 } dtlsOnly)
        {
            throw TlsServerException.Invalid(ErrorIds.DtlsOptionsWithoutDtls,
                $"{string.Join(", ", dtlsOnly)} shape DTLS datagrams and associations, and this server serves TLS over a stream. Add -Dtls, or drop them.",
                dtlsOnly);
        }

        if (dtls && StreamOnlyOptions(o) is { Length: > 0 } streamOnly)
        {
            throw TlsServerException.Invalid(ErrorIds.StreamOptionsWithDtls,
                $"{string.Join(", ", streamOnly)} shape a TCP byte stream or TLS 1.3 handshakes; DTLS 1.2 datagrams follow -Mtu. Drop them or the DTLS versions.", streamOnly);
        }

        if (o.Accept is not null && (o.Address is not null || o.Port is not null))
        {
            throw TlsServerException.Invalid(ErrorIds.AcceptConflict, "Give the address with -Accept 'host:port' or with -Address and -Port, not both.", o.Accept);
        }

        if (o.UnixSocket is not null)
        {
            if (dtls)
            {
                throw TlsServerException.Invalid(ErrorIds.UnixSocketDtls,
                    "DTLS runs over UDP and cannot use a Unix domain stream socket; drop -UnixSocket or the DTLS versions.", o.UnixSocket);
            }

            if (o.Address is not null || o.Port is not null || o.Accept is not null || o.AddressFamily is not null)
            {
                throw TlsServerException.Invalid(ErrorIds.UnixSocketWithAddress,
                    "A Unix socket has no IP address or port: drop -Address, -Port, -Accept and -AddressFamily with -UnixSocket.", o.UnixSocket);
            }
        }
        else if (o.Unlink)
        {
            throw TlsServerException.Invalid(ErrorIds.UnlinkNeedsUnixSocket, "-Unlink removes a stale Unix socket file; it needs -UnixSocket.", o.Unlink);
        }

        var (address, port) = o.Accept is null ? (o.Address, o.Port ?? ServerLimits.Port.Default) : AcceptAddress.Parse(o.Accept);
        var kind = dtls ? ServerTransport.Udp : o.UnixSocket is not null ? ServerTransport.Unix : ServerTransport.Tcp;
        var dtlsConfig = dtls
            ? new DtlsConfig(o.Listen, o.Mtu ?? ServerLimits.Mtu.Default, o.AssociationLimit ?? ServerLimits.AssociationLimit.Default,
                ServerLimits.DatagramQueueLimit, o.IdleTimeout ?? TimeSpan.FromSeconds(ServerLimits.DefaultAssociationIdleTimeoutSec))
            : null;
        return new TransportConfig(kind, address, port, o.AddressFamily ?? ListenAddressFamily.Any, o.UnixSocket, o.Unlink, dtlsConfig,
            new StreamConfig(o.ReadBufferSize, o.NonBlockingTest));
    }

    private static string[] StreamOnlyOptions(ServerOptions o) => Given(
        (o.MaxSendFragment is not null, "-MaxSendFragment"),
        (o.ReadBufferSize is not null, "-ReadBufferSize"),
        (o.NonBlockingTest, "-NonBlockingTest"),
        (o.NoMiddleboxCompatibility, "-NoMiddleboxCompatibility"));

    private static string[] DtlsOnlyOptions(ServerOptions o) => Given(
        (o.Mtu is not null, "-Mtu"),
        (o.AssociationLimit is not null, "-AssociationLimit"));

    private static string[] Given(params (bool Given, string Name)[] options) =>
        options.Where(option => option.Given).Select(option => option.Name).ToArray();
}
