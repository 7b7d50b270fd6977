namespace TlsServer.Engine;

/// <summary>s_server options that exist only in OpenSSL: each one is refused with the reason and what to use instead.</summary>
internal static class OpenSslOnlyOptions
{
    public static void Validate(ServerOptions o)
    {
        if (o.Bugs)
        {
            throw NotImplemented("BugWorkaroundsNotSupported",
                "-Bugs (s_server -bugs) turns on OpenSSL's workarounds for old peers' bugs (SSL_OP_ALL); BouncyCastle has no such switches. " +
                "The server already accepts clients without secure renegotiation signalling; for other old peers, choose the versions and suites they need with -Protocol and -Cipher.",
                o.Bugs);
        }

        if (o.Compression)
        {
            throw NotImplemented("CompressionNotSupported",
                "-Compression (s_server -comp) cannot be served: TLS compression leaks secrets (CRIME) and BouncyCastle has none. " +
                "Records are never compressed, which is what s_server -no_comp asks for.",
                o.Compression);
        }

        if (o.Async)
        {
            throw NotImplemented("AsyncJobsNotSupported",
                "-Async (s_server -async) runs OpenSSL's crypto in async jobs for hardware engines, which do not exist here. " +
                "The server's I/O is always asynchronous; leave the switch out.",
                o.Async);
        }

        if (o.MaxPipelines is not null)
        {
            throw NotImplemented("PipelinesNotSupported",
                "-MaxPipelines (s_server -max_pipelines) hands records to an OpenSSL engine in parallel pipelines, which do not exist here. " +
                "To cap the size of each record use -MaxSendFragment.",
                o.MaxPipelines);
        }

        if (o.RandomSeedPath is not null)
        {
            throw NotImplemented("RandomSeedNotSupported",
                "-RandomSeedPath (s_server -rand) adds seed files to OpenSSL's generator; this server draws every random byte from the operating system's CSPRNG, " +
                "which takes no caller seed. Leave the parameter out.",
                o.RandomSeedPath);
        }
    }

    private static TlsServerException NotImplemented(string id, string message, object? target) =>
        new(id, ErrorKind.NotImplemented, message, target);
}
