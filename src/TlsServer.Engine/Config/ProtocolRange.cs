using TlsServer.Engine.Registry;

namespace TlsServer.Engine.Config;

/// <summary>The versions a server allows, from -Protocol, -Dtls, -MinimumProtocol, -MaximumProtocol and -ExcludeProtocol.</summary>
internal static class ProtocolRange
{
    /// <summary>Versions BouncyCastle can serve; a range never reaches past them.</summary>
    private static readonly TlsProtocol[] Servable = { TlsProtocol.Tls10, TlsProtocol.Tls11, TlsProtocol.Tls12, TlsProtocol.Tls13 };

    /// <summary>The DTLS versions BouncyCastle can serve, over UDP.</summary>
    private static readonly TlsProtocol[] ServableDtls = { TlsProtocol.Dtls10, TlsProtocol.Dtls12 };

    /// <summary>What a server serves when no version is named: TLS 1.2 and 1.3 (DTLS 1.0 and 1.2 with -Dtls).</summary>
    private static readonly TlsProtocol[] DefaultTls = { TlsProtocol.Tls12, TlsProtocol.Tls13 };

    /// <param name="protocols">The versions named; null when none were.</param>
    /// <param name="dtls">-Dtls: DTLS over UDP even when no DTLS version is named.</param>
    public static IReadOnlyList<TlsProtocol> Resolve(IReadOnlyList<TlsProtocol>? protocols, bool dtls, TlsProtocol? minimum, TlsProtocol? maximum,
        IReadOnlyList<TlsProtocol> excluded)
    {
        if (protocols is { Count: 0 })
        {
            throw TlsServerException.Invalid(ErrorIds.NoProtocol, "At least one protocol version must be allowed.", protocols);
        }

        // -Dtls, a DTLS bound, or DTLS versions named make the range one of DTLS versions; the two never mix.
        var chosen = (protocols ?? Array.Empty<TlsProtocol>()).Concat(new[] { minimum, maximum }.OfType<TlsProtocol>()).ToArray();
        dtls |= chosen.Any(ProtocolVersions.IsDtls);
        if (chosen.Concat(excluded).Any(p => ProtocolVersions.IsDtls(p) != dtls))
        {
            throw TlsServerException.Invalid(ErrorIds.DtlsWithTls,
                "DTLS and TLS versions cannot share a server: DTLS runs over UDP and TLS over TCP. Give only Dtls10 and Dtls12 (or only TLS versions, without -Dtls) to -Protocol, -MinimumProtocol, -MaximumProtocol and -ExcludeProtocol, and start one server for each.",
                protocols);
        }

        if (minimum > maximum)
        {
            throw TlsServerException.Invalid(ErrorIds.ProtocolRangeEmpty, $"MinimumProtocol {minimum} is above MaximumProtocol {maximum}.", minimum);
        }

        // Naming versions allows only those; a range alone starts from every version the server can serve.
        bool ranged = minimum is not null || maximum is not null;
        IEnumerable<TlsProtocol> allowed = protocols
            ?? (ranged ? (dtls ? ServableDtls : Servable.Where(p => p >= (minimum ?? TlsProtocol.Tls12))) : dtls ? ServableDtls : DefaultTls);
        var result = allowed
            .Where(p => minimum is null || p >= minimum)
            .Where(p => maximum is null || p <= maximum)
            .Where(p => !excluded.Contains(p))
            .Distinct().Order().ToArray();
        if (result.Length == 0)
        {
            throw TlsServerException.Invalid(ErrorIds.NoProtocol,
                "The protocol options leave no version to serve: check -Protocol, -MinimumProtocol, -MaximumProtocol and -ExcludeProtocol.",
                protocols);
        }

        if (result.Contains(TlsProtocol.Ssl3))
        {
            throw TlsServerException.NotSupported(ErrorIds.ProtocolNotSupported,
                "SSL 3.0 cannot be served: BouncyCastle has no SSL 3.0 server. Use Tls10 or later.", TlsProtocol.Ssl3);
        }

        return result;
    }
}
