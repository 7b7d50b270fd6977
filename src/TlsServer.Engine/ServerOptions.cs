using System.Security.Cryptography.X509Certificates;

namespace TlsServer.Engine;

/// <summary>
/// Everything a server is told before it starts. <see cref="Server.Start"/> validates it and freezes a copy;
/// nothing here changes a running server.
/// </summary>
public sealed class ServerOptions
{
    public const int DefaultPort = 4433;
    public const int DefaultSessionHistoryLimit = 1000;
    public static readonly TimeSpan DefaultHandshakeTimeout = TimeSpan.FromSeconds(10);
    public static readonly IReadOnlyList<TlsProtocol> DefaultProtocols = new[] { TlsProtocol.Tls12, TlsProtocol.Tls13 };

    public string? Name { get; init; }

    /// <summary>An IP address or host name; null, empty or "*" listens on every address (dual stack where the OS allows).</summary>
    public string? Address { get; init; }

    /// <summary>0 picks any free port; <see cref="Server.Port"/> reports the bound one.</summary>
    public int Port { get; init; } = DefaultPort;

    public IReadOnlyList<TlsProtocol> Protocols { get; init; } = DefaultProtocols;

    public ServerMode Mode { get; init; } = ServerMode.Interactive;

    /// <summary>The folder served in WwwRoot and HttpRoot modes (s_server -WWW, -HTTP); a full path.</summary>
    public string? DocumentRoot { get; init; }

    /// <summary>Turn each bare LF of data sent to a client into CRLF (s_server -crlf).</summary>
    public bool Crlf { get; init; }

    public string? CertificatePath { get; init; }

    public string? KeyPath { get; init; }

    /// <summary>Password for an encrypted key or PKCS#12 file. The caller owns the array and should clear it after start.</summary>
    public char[]? KeyPassword { get; init; }

    /// <summary>A certificate with its private key; takes the place of the paths.</summary>
    public X509Certificate2? Certificate { get; init; }

    public TimeSpan HandshakeTimeout { get; init; } = DefaultHandshakeTimeout;

    /// <summary>Stop after accepting this many connections (s_server -naccept); null for no limit.</summary>
    public int? MaxConnections { get; init; }

    /// <summary>Who started the server (the cmdlets use the runspace id), so an owner can stop just its own.</summary>
    public Guid? OwnerId { get; init; }

    /// <summary>How many sessions, live and ended, the server keeps for inspection.</summary>
    public int SessionHistoryLimit { get; init; } = DefaultSessionHistoryLimit;
}
