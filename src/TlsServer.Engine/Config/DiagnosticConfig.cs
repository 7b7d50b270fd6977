namespace TlsServer.Engine.Config;

/// <summary>What a server records about each connection and writes as text.</summary>
/// <param name="MessageLimit">Null when not given: <see cref="ServerLimits.MessageLimit"/>'s default.</param>
/// <param name="KeyLogPath">The NSS key log file (s_server -keylogfile).</param>
/// <param name="TlsExtDebug">Keep the client's extensions and write them as text (s_server -tlsextdebug).</param>
internal sealed record DiagnosticConfig(
    bool Messages,
    bool State,
    bool HexDump,
    string? TraceFile,
    bool Brief,
    bool Quiet,
    int? MessageLimit,
    string? KeyLogPath,
    bool TlsExtDebug);
