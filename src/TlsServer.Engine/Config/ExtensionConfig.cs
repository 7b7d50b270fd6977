using TlsServer.Engine.Extensions;

namespace TlsServer.Engine.Config;

/// <summary>A server's extensions, checked and loaded at start: ALPN, OCSP stapling, serverinfo, keying material export.</summary>
/// <param name="Alpn">ALPN protocols in the server's order of preference; null when none were given.</param>
/// <param name="AlpnOptional">With no protocol in common, leave ALPN out instead of sending no_application_protocol.</param>
/// <param name="Stapler">The OCSP response source (refreshed in the background while the server runs; connections only read it); null without stapling.</param>
/// <param name="StatusTimeout">Null when not given (the engine's default).</param>
/// <param name="KeyingMaterialLength">Null when not given: <see cref="ServerLimits.KeyingMaterialLength"/>'s default.</param>
internal sealed record ExtensionConfig(
    IReadOnlyList<string>? Alpn,
    bool AlpnOptional,
    OcspStapler? Stapler,
    bool StatusVerbose,
    TimeSpan? StatusTimeout,
    IReadOnlyList<ServerInfoExtension> ServerInfo,
    string? KeyingMaterialLabel,
    int? KeyingMaterialLength);
