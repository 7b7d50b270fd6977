namespace TlsServer.Engine;

/// <summary>
/// TLS extensions a server offers or reports: ALPN, OCSP stapling, serverinfo, key log and keying material export.
/// Part of <see cref="ServerOptions"/>; frozen at start like the rest.
/// </summary>
public sealed class ExtensionOptions
{
    /// <summary>ALPN protocols in the server's order of preference (s_server -alpn); the first the client also offers wins.</summary>
    public IReadOnlyList<string>? Alpn { get; init; }

    /// <summary>
    /// Send no_application_protocol when the client offers ALPN but nothing matches. This is the default (RFC 7301 3.2, as
    /// OpenSSL 3's s_server does); kept so scripts that ask for it keep working.
    /// </summary>
    public bool AlpnFatal { get; init; }

    /// <summary>With no ALPN protocol in common, go on without ALPN, as s_server 1.1.0 did (the default is no_application_protocol).</summary>
    public bool AlpnOptional { get; init; }

    /// <summary>NPN protocols (s_server -nextprotoneg). BouncyCastle has no NPN: any value is refused at start.</summary>
    public IReadOnlyList<string>? NextProtocols { get; init; }

    /// <summary>Staple an OCSP response fetched from the certificate's AIA responder or <see cref="StatusUrl"/> (s_server -status).</summary>
    public bool Status { get; init; }

    /// <summary>The OCSP responder to ask instead of the certificate's AIA (s_server -status_url).</summary>
    public string? StatusUrl { get; init; }

    /// <summary>How long one OCSP request may take (s_server -status_timeout).</summary>
    public TimeSpan? StatusTimeout { get; init; }

    /// <summary>A DER OCSP response to staple as it is (s_server -status_file).</summary>
    public string? StatusFile { get; init; }

    /// <summary>Put the parsed OCSP response on each session (s_server -status_verbose).</summary>
    public bool StatusVerbose { get; init; }

    /// <summary>PEM file of "SERVERINFO FOR …" blocks, echoed to clients that send the same extension type (s_server -serverinfo).</summary>
    public string? ServerInfoPath { get; init; }

    /// <summary>Append NSS key log lines for every connection (s_server -keylogfile).</summary>
    public string? KeyLogPath { get; init; }

    /// <summary>Export keying material with this label after each handshake (s_server -keymatexport).</summary>
    public string? KeyingMaterialLabel { get; init; }

    /// <summary>How many bytes of keying material to export (s_server -keymatexportlen).</summary>
    public int? KeyingMaterialLength { get; init; }

    /// <summary>Keep the client's extensions on the session and write them as text to the trace (s_server -tlsextdebug).</summary>
    public bool TlsExtDebug { get; init; }
}
