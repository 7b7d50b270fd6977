using TlsServer.Engine.Applications;
using TlsServer.Engine.Sessions;

namespace TlsServer.Engine.Connections;

/// <summary>
/// One client of a server, whatever carries it: a TLS stream (<see cref="Connection"/>) or a DTLS association
/// (<see cref="Dtls.DtlsConnection"/>), with the connected commands of <see cref="Server"/>. A transport that cannot
/// do a command throws a <see cref="TlsServerException"/> that says why.
/// </summary>
internal interface IServerConnection : IConnectionChannel
{
    SessionRecord Record { get; }

    /// <summary>Runs the handshake and the application until the connection ends; never throws.</summary>
    Task RunAsync();

    /// <summary>s_server's q: close_notify, then close. The server keeps accepting.</summary>
    void Close(string reason);

    /// <summary>Ends the connection without close_notify; the session can no longer be resumed.</summary>
    void Abort(string reason);

    Task UpdateKeysAsync(bool requestPeerUpdate, CancellationToken cancellationToken);

    Task SendHelloRequestAsync(CancellationToken cancellationToken);

    Task SendAlertAsync(TlsAlertLevel level, short description, CancellationToken cancellationToken);

    /// <summary>s_server's P: bytes straight onto the transport, under the TLS layer.</summary>
    Task SendPlaintextAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);
}
