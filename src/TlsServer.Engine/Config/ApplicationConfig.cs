namespace TlsServer.Engine.Config;

/// <summary>What the server does with a connection's data: the mode, its folder, and -crlf.</summary>
/// <param name="DocumentRoot">The folder served in the WwwRoot and HttpRoot modes; null in the others.</param>
internal sealed record ApplicationConfig(ServerMode Mode, string? DocumentRoot, bool Crlf);
