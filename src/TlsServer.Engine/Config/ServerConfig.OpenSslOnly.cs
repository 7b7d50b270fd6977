namespace TlsServer.Engine;

/// <summary>
/// s_server options that exist only in OpenSSL, or need TLS 1.3 resumption that BouncyCastle's server lacks: each one
/// is refused with the reason and what to use instead.
/// </summary>
public sealed partial class ServerConfig
{
    private static void CheckOpenSslOnly(ServerOptions o)
    {
        foreach (var (given, id, message, target) in Refusals(o))
        {
            if (given)
            {
                throw new TlsServerException(id, ErrorKind.NotImplemented, message, target);
            }
        }
    }

    private static IEnumerable<(bool Given, string Id, string Message, object? Target)> Refusals(ServerOptions o)
    {
        yield return (o.TicketCount is not null, ErrorIds.Tls13TicketsNotSupported,
            "-TicketCount (s_server -num_tickets) sets how many TLS 1.3 session tickets follow a handshake; BouncyCastle's server has no TLS 1.3 tickets or resumption, " +
            "so it sends none and TLS 1.3 clients always do a full handshake. TLS 1.2 tickets and session ids resume (-NoTicket, -NoSessionCache); test TLS 1.3 resumption against openssl s_server.",
            o.TicketCount);
        yield return (o.EarlyData, ErrorIds.EarlyDataNotSupported,
            "-EarlyData (s_server -early_data, -max_early_data, -anti_replay) accepts TLS 1.3 0-RTT data; BouncyCastle's server has no TLS 1.3 resumption and so no early data. " +
            "Test 0-RTT against openssl s_server.",
            o.EarlyData);
        yield return (o.Bugs, ErrorIds.BugWorkaroundsNotSupported,
            "-Bugs (s_server -bugs) turns on OpenSSL's workarounds for old peers' bugs (SSL_OP_ALL); BouncyCastle has no such switches. " +
            "The server already accepts clients without secure renegotiation signalling; for other old peers, choose the versions and suites they need with -Protocol and -Cipher.",
            o.Bugs);
        yield return (o.Compression, ErrorIds.CompressionNotSupported,
            "-Compression (s_server -comp) cannot be served: TLS compression leaks secrets (CRIME) and BouncyCastle has none. " +
            "Records are never compressed, which is what s_server -no_comp asks for.",
            o.Compression);
        yield return (o.Async, ErrorIds.AsyncJobsNotSupported,
            "-Async (s_server -async) runs OpenSSL's crypto in async jobs for hardware engines, which do not exist here. " +
            "The server's I/O is always asynchronous; leave the switch out.",
            o.Async);
        yield return (o.MaxPipelines is not null, ErrorIds.PipelinesNotSupported,
            "-MaxPipelines (s_server -max_pipelines) hands records to an OpenSSL engine in parallel pipelines, which do not exist here. " +
            "To cap the size of each record use -MaxSendFragment.",
            o.MaxPipelines);
        yield return (o.Extensions.NextProtocols is { Count: > 0 }, ErrorIds.NextProtocolNegotiationNotSupported,
            "NPN (s_server -nextprotoneg) cannot be served: BouncyCastle has no NPN, which TLS 1.3 and current clients replaced with ALPN. Use -Alpn.",
            o.Extensions.NextProtocols);
        yield return (o.RandomSeedPath is not null, ErrorIds.RandomSeedNotSupported,
            "-RandomSeedPath (s_server -rand) adds seed files to OpenSSL's generator; this server draws every random byte from the operating system's CSPRNG, " +
            "which takes no caller seed. Leave the parameter out.",
            o.RandomSeedPath);
    }
}
