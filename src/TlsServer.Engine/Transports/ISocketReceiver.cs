using System.Net.Sockets;

namespace TlsServer.Engine.Transports;

/// <summary>A connection's reusable receive, reporting socket errors as values (<see cref="SocketReceiver"/>'s constants).</summary>
internal interface ISocketReceiver : IDisposable
{
    /// <summary>Which error a <see cref="SocketReceiver.Failed"/> receive met.</summary>
    SocketError SocketError { get; }

    /// <summary>
    /// The bytes received, 0 at end of stream, <see cref="SocketReceiver.Failed"/> or <see cref="SocketReceiver.Cancelled"/>.
    /// An empty buffer waits until the socket is readable and returns 0. A cancelled receive may still complete into its
    /// buffer, so the connection must not receive again.
    /// </summary>
    ValueTask<int> ReceiveAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>On our own I/O threads where the platform has epoll, else on .NET's socket engine.</summary>
    static ISocketReceiver Create() => ReadinessLoop.Next() is { } loop ? new LoopReceiver(loop) : new SocketReceiver();
}
