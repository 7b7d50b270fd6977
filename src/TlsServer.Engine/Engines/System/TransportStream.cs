using System.Net.Sockets;
using TlsServer.Engine.Diagnostics;
using TlsServer.Engine.Runtime;

namespace TlsServer.Engine.Engines.Platform;

/// <summary>
/// The socket under SslStream: counts every byte for the session and the server, hex-dumps them (-HexDump), and
/// captures the ClientHello. A zero-byte read (SslStream's wait for data) listens to the caller's token, so a pause
/// can cancel it; any other read listens only to <see cref="ReadCancellation"/>, so no record is ever cut in half.
/// </summary>
internal sealed class TransportStream : Stream
{
    private readonly Socket _socket;
    private readonly SessionRecord _record;
    private readonly ServerCounters _counters;
    private readonly ConnectionDiagnostics _diagnostics;

    public TransportStream(Socket socket, SessionRecord record, ServerCounters counters, ConnectionDiagnostics diagnostics)
    {
        _socket = socket;
        _record = record;
        _counters = counters;
        _diagnostics = diagnostics;
    }

    public ClientHelloCapture ClientHello { get; } = new();

    /// <summary>What ends a read that has started: the handshake deadline, the idle timeout, a stop.</summary>
    public CancellationToken ReadCancellation { get; set; }

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return await _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }

        int received = await _socket.ReceiveAsync(buffer, SocketFlags.None, ReadCancellation).ConfigureAwait(false);
        if (received > 0)
        {
            var data = buffer.Span[..received];
            _record.AddReceived(received);
            _counters.AddReceived(received);
            _diagnostics.Wire(MessageDirection.Received, data);
            if (!ClientHello.Done)
            {
                ClientHello.Add(data);
            }
        }

        return received;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _diagnostics.Wire(MessageDirection.Sent, buffer.Span);
        for (int sent = 0; sent < buffer.Length;)
        {
            sent += await _socket.SendAsync(buffer[sent..], SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }

        _record.AddSent(buffer.Length);
        _counters.AddSent(buffer.Length);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    // SslStream is only used asynchronously here.
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
