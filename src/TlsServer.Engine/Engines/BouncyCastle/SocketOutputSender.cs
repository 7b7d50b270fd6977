using System.Net.Sockets;
using TlsServer.Engine.Diagnostics;
using TlsServer.Engine.Transports;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>Sends to the socket, in writes cut by -NonBlockingTest when it is on, and shows each write to the diagnostics.</summary>
internal sealed class SocketOutputSender : IOutputSender
{
    private readonly Socket _socket;
    private readonly SocketIo _io;
    private readonly ConnectionDiagnostics _diagnostics;

    public SocketOutputSender(Socket socket, SocketIo io, ConnectionDiagnostics diagnostics)
    {
        _socket = socket;
        _io = io;
        _diagnostics = diagnostics;
    }

    public async ValueTask<int> SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        for (int sent = 0; sent < data.Length;)
        {
            int written = await _socket.SendAsync(data.Slice(sent, _io.WriteLength(data.Length - sent)), SocketFlags.None, cancellationToken)
                .ConfigureAwait(false);
            _diagnostics.Wire(MessageDirection.Sent, data.Span.Slice(sent, written));
            sent += written;
        }

        return data.Length;
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
