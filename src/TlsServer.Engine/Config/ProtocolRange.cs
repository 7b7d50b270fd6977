namespace TlsServer.Engine.Tls;

/// <summary>The versions a server allows, from -Protocol, -MinimumProtocol, -MaximumProtocol and -ExcludeProtocol.</summary>
internal static class ProtocolRange
{
    /// <summary>Versions BouncyCastle can serve; a range never reaches past them.</summary>
    private static readonly TlsProtocol[] Servable = { TlsProtocol.Tls10, TlsProtocol.Tls11, TlsProtocol.Tls12, TlsProtocol.Tls13 };

    /// <summary>The DTLS versions BouncyCastle can serve, over UDP.</summary>
    private static readonly TlsProtocol[] ServableDtls = { TlsProtocol.Dtls10, TlsProtocol.Dtls12 };

    /// <summary>True when the options ask for DTLS (over UDP): DTLS versions named, or a DTLS bound.</summary>
    public static bool IsDtls(ServerOptions o) =>
        o.Protocols.Any(ProtocolVersions.IsDtls) || new[] { o.MinimumProtocol, o.MaximumProtocol }.Any(p => p is { } v && ProtocolVersions.IsDtls(v));

    public static IReadOnlyList<TlsProtocol> Resolve(ServerOptions o)
    {
        // A DTLS bound, or DTLS versions named, make the range one of DTLS versions; the two never mix.
        bool dtls = IsDtls(o);
        var family = new[] { o.MinimumProtocol, o.MaximumProtocol }.OfType<TlsProtocol>().Concat(o.ExcludeProtocols);
        if (family.Any(p => ProtocolVersions.IsDtls(p) != dtls)
            || (!ReferenceEquals(o.Protocols, ServerOptions.DefaultProtocols) && o.Protocols.Any(p => ProtocolVersions.IsDtls(p) != dtls)))
        {
            throw new TlsServerException("DtlsWithTls", ErrorKind.InvalidArgument,
                "DTLS and TLS versions cannot share a server: DTLS runs over UDP and TLS over TCP. Give only Dtls10 and Dtls12 (or only TLS versions) to -Protocol, -MinimumProtocol, -MaximumProtocol and -ExcludeProtocol, and start one server for each.",
                o.Protocols);
        }

        bool ranged = o.MinimumProtocol is not null || o.MaximumProtocol is not null;
        if (o.MinimumProtocol > o.MaximumProtocol)
        {
            throw new TlsServerException("ProtocolRangeEmpty", ErrorKind.InvalidArgument,
                $"MinimumProtocol {o.MinimumProtocol} is above MaximumProtocol {o.MaximumProtocol}.", o.MinimumProtocol);
        }

        // Naming versions allows only those; a range alone starts from every version the server can serve.
        IEnumerable<TlsProtocol> allowed = ranged && ReferenceEquals(o.Protocols, ServerOptions.DefaultProtocols)
            ? dtls ? ServableDtls : Servable.Where(p => p >= (o.MinimumProtocol ?? TlsProtocol.Tls12))
            : o.Protocols;
        var result = allowed
            .Where(p => o.MinimumProtocol is null || p >= o.MinimumProtocol)
            .Where(p => o.MaximumProtocol is null || p <= o.MaximumProtocol)
            .Where(p => !o.ExcludeProtocols.Contains(p))
            .Distinct().Order().ToArray();
        if (result.Length == 0)
        {
            throw new TlsServerException("NoProtocol", ErrorKind.InvalidArgument,
                "The protocol options leave no version to serve: check -Protocol, -MinimumProtocol, -MaximumProtocol and -ExcludeProtocol.",
                o.Protocols);
        }

        if (result.Contains(TlsProtocol.Ssl3))
        {
            throw new TlsServerException("ProtocolNotSupported", ErrorKind.NotImplemented,
                "SSL 3.0 cannot be served: BouncyCastle has no SSL 3.0 server. Use Tls10 or later.", TlsProtocol.Ssl3);
        }

        return result;
    }
}
