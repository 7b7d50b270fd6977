namespace TlsServer.Engine;

/// <summary>What the server does with a connection once the handshake is done.</summary>
public enum ServerMode
{
    /// <summary>Keep what the client sends; hold the connection until the client or a cmdlet closes it.</summary>
    Interactive,

    /// <summary>Answer every HTTP request with an HTML status page (s_server -www).</summary>
    Www,

    /// <summary>Serve the files of a folder over HTTP, with a Content-Type from the extension (s_server -WWW).</summary>
    WwwRoot,

    /// <summary>Send each requested file of a folder as a complete HTTP response, byte for byte (s_server -HTTP).</summary>
    HttpRoot,

    /// <summary>Send each line the client sends back reversed (s_server -rev).</summary>
    Reverse,
}
