using System.Net.Sockets;
using TlsServer.Engine.Faults;

namespace TlsServer.Engine.Engines.BouncyCastle.Faults;

/// <summary>
/// Sends a connection's output through the socket's sender, acting on the wire marks the protocol left in the ledger:
/// a pause, a dribble, silence, FIN, a budget of bytes, a reset. Bytes held back are counted on the fault, not as sent.
/// Runs under the connection's writer lock, like the protocol that marks.
/// </summary>
internal sealed class FaultSender : IOutputSender
{
    private readonly IOutputSender _inner;
    private readonly Socket _socket;
    private readonly OutputLedger _ledger;
    private readonly FaultLog _log;
    private readonly Action<string> _abort;
    private long _position;
    private WireAction? _dribble;
    private WireAction? _truncate;
    private int _budget;
    private WireAction? _cut;

    /// <param name="abort">Ends the connection with a TCP reset, for the reason given.</param>
    public FaultSender(IOutputSender inner, Socket socket, OutputLedger ledger, FaultLog log, Action<string> abort)
    {
        _inner = inner;
        _socket = socket;
        _ledger = ledger;
        _log = log;
        _abort = abort;
    }

    public async ValueTask<int> SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        int sent = 0;
        while (!data.IsEmpty)
        {
            await ActAsync(bytesWaiting: true, cancellationToken).ConfigureAwait(false);
            if (_cut is not null)
            {
                _log.Add(_cut.FaultIndex, data.Length);
                _position += data.Length;
                break;
            }

            long length = data.Length;
            if (_ledger.NextAfter(_position) is { } next)
            {
                length = Math.Min(length, next - _position);
            }

            if (_truncate is not null)
            {
                length = Math.Min(length, _budget);
            }

            var piece = data[..(int)length];
            sent += _dribble is { } dribble ? await DribbleAsync(piece, dribble, cancellationToken).ConfigureAwait(false)
                : await _inner.SendAsync(piece, cancellationToken).ConfigureAwait(false);
            _position += length;
            data = data[(int)length..];
            if (_truncate is { } truncate)
            {
                _budget -= (int)length;
                if (_budget == 0)
                {
                    Cut(truncate);
                }
            }
        }

        await ActAsync(bytesWaiting: false, cancellationToken).ConfigureAwait(false);
        return sent;
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken) => ActAsync(bytesWaiting: false, cancellationToken);

    /// <summary>Acts on the marks the output has reached; a pause or a dribble only once there are bytes to send after it.</summary>
    private async ValueTask ActAsync(bool bytesWaiting, CancellationToken cancellationToken)
    {
        while (_cut is null && _ledger.TryPeek(_position, out var action) && (bytesWaiting || !action.WaitsForBytes))
        {
            _ledger.Remove(action);
            switch (action.Kind)
            {
                case WireActionKind.Delay:
                    await Task.Delay(action.Delay, cancellationToken).ConfigureAwait(false);
                    break;
                case WireActionKind.Dribble:
                    _dribble = action;
                    TrySetNoDelay();
                    break;
                case WireActionKind.Truncate:
                    _truncate = action;
                    _budget = action.Budget;
                    if (_budget == 0)
                    {
                        Cut(action);
                    }

                    break;
                default:
                    Cut(action);
                    break;
            }
        }
    }

    private async ValueTask<int> DribbleAsync(ReadOnlyMemory<byte> piece, WireAction dribble, CancellationToken cancellationToken)
    {
        int sent = 0;
        while (!piece.IsEmpty)
        {
            var chunk = piece[..Math.Min(dribble.ChunkSize, piece.Length)];
            sent += await _inner.SendAsync(chunk, cancellationToken).ConfigureAwait(false);
            _log.Add(dribble.FaultIndex, chunk.Length, records: 0);
            piece = piece[chunk.Length..];
            if (!piece.IsEmpty && dribble.Delay > TimeSpan.Zero)
            {
                await Task.Delay(dribble.Delay, cancellationToken).ConfigureAwait(false);
            }
        }

        return sent;
    }

    /// <summary>From here on nothing is sent: FIN, a reset, or plain silence.</summary>
    private void Cut(WireAction action)
    {
        _cut = action;
        bool reset = action.Kind == WireActionKind.Reset || (action.Kind == WireActionKind.Truncate && action.Reset);
        if (reset)
        {
            _abort($"TCP reset {action.At} (fault {(action.Kind == WireActionKind.Reset ? "Reset" : "TruncateAfter")})");
        }
        else if (action.Kind is WireActionKind.HalfClose or WireActionKind.Truncate)
        {
            try
            {
                _socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // the client is gone already
            }
        }
    }

    private void TrySetNoDelay()
    {
        try
        {
            _socket.NoDelay = true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or NotSupportedException)
        {
            // a Unix socket has no Nagle to turn off
        }
    }
}
