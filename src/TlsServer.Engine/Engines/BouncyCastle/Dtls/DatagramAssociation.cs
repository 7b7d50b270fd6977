using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Net;
using Org.BouncyCastle.Tls;
using TlsServer.Engine.Diagnostics;
using TlsServer.Engine.Runtime;

namespace TlsServer.Engine.Engines.BouncyCastle.Dtls;

/// <summary>
/// BouncyCastle's view of one client on the shared UDP socket: datagrams the dispatcher routed here wait in a bounded
/// queue; sends go straight to the client's endpoint.
/// </summary>
internal sealed class DatagramAssociation : DatagramTransport
{
    /// <summary>The largest DTLS record (2^14 plaintext + expansion + header) and so the largest datagram read.</summary>
    public const int MaxRecordDatagram = 16 * 1024 + 2048 + 13;

    private const int Ipv4UdpOverhead = 20 + 8;
    private const int Ipv6UdpOverhead = 40 + 8;

    private readonly Socket _socket;
    private readonly IPEndPoint _remote;
    private readonly SessionRecord _record;
    private readonly ServerCounters _counters;
    private readonly ConnectionDiagnostics _diagnostics;
    private readonly BlockingCollection<byte[]> _inbox;
    private readonly CancellationTokenSource _abort = new();
    private readonly int _sendLimit;
    private readonly int _receiveLimit;
    private volatile bool _closed;

    public DatagramAssociation(Socket socket, IPEndPoint remote, SessionRecord record, ServerCounters counters, Config.DtlsConfig settings, ConnectionDiagnostics diagnostics)
    {
        _socket = socket;
        _remote = remote;
        _record = record;
        _counters = counters;
        _diagnostics = diagnostics;
        _inbox = new BlockingCollection<byte[]>(settings.DatagramQueueLimit);
        bool v4 = remote.AddressFamily == AddressFamily.InterNetwork || remote.Address.IsIPv4MappedToIPv6;
        _sendLimit = settings.Mtu - (v4 ? Ipv4UdpOverhead : Ipv6UdpOverhead);
        _receiveLimit = Math.Max(settings.Mtu, MaxRecordDatagram);
    }

    /// <summary>True once BouncyCastle closed the transport (close_notify either way, or a fatal alert).</summary>
    public bool IsClosed => _closed;

    /// <summary>Queues a datagram from the client; false when the queue is full or the association is closed.</summary>
    public bool TryDeliver(byte[] datagram)
    {
        try
        {
            return !_closed && _inbox.TryAdd(datagram);
        }
        catch (InvalidOperationException)
        {
            return false; // closed meanwhile
        }
    }

    /// <summary>Ends a pending receive: the handshake in progress fails.</summary>
    public void Abort() => _abort.Cancel();

    public int GetReceiveLimit() => _receiveLimit;

    public int GetSendLimit() => _sendLimit;

    public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

    public int Receive(Span<byte> buffer, int waitMillis)
    {
        byte[]? datagram;
        try
        {
            if (_closed || !_inbox.TryTake(out datagram, waitMillis == 0 ? Timeout.Infinite : waitMillis, _abort.Token))
            {
                return _closed ? throw new AssociationClosedException("the association is closed") : -1;
            }
        }
        catch (OperationCanceledException)
        {
            throw new AssociationClosedException("the server ended the association");
        }

        if (datagram.Length > buffer.Length)
        {
            _counters.CountDatagramDropped();
            return -1;
        }

        datagram.CopyTo(buffer);
        _diagnostics.Wire(MessageDirection.Received, datagram);
        _record.AddReceived(datagram.Length);
        _counters.AddReceived(datagram.Length);
        return datagram.Length;
    }

    public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

    public void Send(ReadOnlySpan<byte> buffer)
    {
        _socket.SendTo(buffer, SocketFlags.None, _remote);
        _diagnostics.Wire(MessageDirection.Sent, buffer);
        _record.AddSent(buffer.Length);
        _counters.AddSent(buffer.Length);
    }

    public void Close()
    {
        _closed = true;
        _inbox.CompleteAdding();
    }
}

/// <summary>A receive on an association that has ended; an IOException, so BouncyCastle passes it through.</summary>
internal sealed class AssociationClosedException : IOException
{
    public AssociationClosedException(string message)
        : base(message)
    {
    }
}
