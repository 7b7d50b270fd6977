namespace TlsServer.Engine.Tls;

/// <summary>The versions a server allows, from -Protocol, -MinimumProtocol, -MaximumProtocol and -ExcludeProtocol.</summary>
internal static class ProtocolRange
{
    /// <summary>Versions BouncyCastle can serve; a range never reaches past them.</summary>
    private static readonly TlsProtocol[] Servable = { TlsProtocol.Tls10, TlsProtocol.Tls11, TlsProtocol.Tls12, TlsProtocol.Tls13 };

    public static IReadOnlyList<TlsProtocol> Resolve(ServerOptions o)
    {
        bool ranged = o.MinimumProtocol is not null || o.MaximumProtocol is not null;
        if (o.MinimumProtocol > o.MaximumProtocol)
        {
            throw new TlsServerException("ProtocolRangeEmpty", ErrorKind.InvalidArgument,
                $"MinimumProtocol {o.MinimumProtocol} is above MaximumProtocol {o.MaximumProtocol}.", o.MinimumProtocol);
        }

        // Naming versions allows only those; a range alone starts from every version the server can serve.
        IEnumerable<TlsProtocol> allowed = ranged && ReferenceEquals(o.Protocols, ServerOptions.DefaultProtocols)
            ? Servable.Where(p => p >= (o.MinimumProtocol ?? TlsProtocol.Tls12))
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
