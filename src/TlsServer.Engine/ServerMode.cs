namespace TlsServer.Engine;

/// <summary>What the server does with a connection once the handshake is done.</summary>
public enum ServerMode
{
    /// <summary>Keep what the client sends; hold the connection until the client or a cmdlet closes it.</summary>
    Interactive,

    /// <summary>Answer every HTTP request with an HTML status page (s_server -www).</summary>
    Www,
}
