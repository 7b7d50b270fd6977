namespace TlsServer.Engine.Tls;

/// <summary>s_server protocol options that exist only in OpenSSL: each one is refused with the reason and what to use instead.</summary>
internal static class UnsupportedProtocolOptions
{
    public static void Validate(ServerOptions o)
    {
        if (o.Bugs)
        {
            throw new TlsServerException("BugWorkaroundsNotSupported", ErrorKind.NotImplemented,
                "-Bugs (s_server -bugs) turns on OpenSSL's workarounds for old peers' bugs (SSL_OP_ALL); BouncyCastle has no such switches. " +
                "The server already accepts clients without secure renegotiation signalling; for other old peers, choose the versions and suites they need with -Protocol and -Cipher.",
                o.Bugs);
        }

        if (o.Compression)
        {
            throw new TlsServerException("CompressionNotSupported", ErrorKind.NotImplemented,
                "-Compression (s_server -comp) cannot be served: TLS compression leaks secrets (CRIME) and BouncyCastle has none. " +
                "Records are never compressed, which is what s_server -no_comp asks for.",
                o.Compression);
        }
    }
}
