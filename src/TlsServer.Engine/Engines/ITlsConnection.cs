using TlsServer.Engine.Applications;
using TlsServer.Engine.Runtime;

namespace TlsServer.Engine.Engines;

/// <summary>
/// One TLS connection over an accepted transport, as an engine runs it: the handshake and record I/O in
/// <see cref="RunAsync"/> (decrypted data to the mode's application, the negotiated state into <see cref="Record"/>),
/// and the post-handshake actions of the connected commands. What a connection cannot do is refused before the call,
/// by its <see cref="Commands"/>; the methods of those commands are never called.
/// </summary>
internal interface ITlsConnection : IConnectionChannel
{
    SessionRecord Record { get; }

    /// <summary>The post-handshake commands this connection can do.</summary>
    CommandSupport Commands { get; }

    /// <summary>Runs the connection to its end; never throws (a failure becomes the session's outcome).</summary>
    Task RunAsync();

    /// <summary>Words for why one of this connection's operations failed, in its engine's terms; never a stack trace.</summary>
    string Describe(Exception failure);

    /// <summary>s_server's q: close_notify, then close.</summary>
    void Close(string reason);

    /// <summary>A TCP reset without close_notify.</summary>
    void Abort(string reason);

    Task UpdateKeysAsync(bool requestPeerUpdate, CancellationToken cancellationToken);

    Task SendHelloRequestAsync(CancellationToken cancellationToken);

    Task SendAlertAsync(TlsAlertLevel level, short description, CancellationToken cancellationToken);

    /// <summary>s_server's P: bytes straight onto the transport, under the TLS layer.</summary>
    Task SendPlaintextAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>s_server's R: a TLS 1.2 renegotiation, or TLS 1.3 post-handshake auth, that asks for a client certificate.</summary>
    Task RequestClientCertificateAsync(CancellationToken cancellationToken);
}
