using System.Net;
using System.Net.Sockets;
using TlsServer.Engine.Transports;

namespace TlsServer.Engine.Tests.Transports;

/// <summary>The receive contract both receivers keep: our readiness loop's (where epoll exists) and .NET's socket engine's.</summary>
public sealed class SocketReceiverTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Kinds => new() { "loop", "engine" };

    [Fact]
    public void TheLoopsExistWhereEpollDoes()
    {
        Assert.Equal(Epoll.IsSupported, ReadinessLoop.Loops is not null);
        Assert.IsType(Epoll.IsSupported ? typeof(LoopReceiver) : typeof(SocketReceiver), ISocketReceiver.Create());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ReceivesWhatWasSentBeforeAndAfterItWaits(string kind)
    {
        var (client, server) = await PairAsync();
        using (client)
        using (server)
        using (var receiver = Create(kind))
        {
            var buffer = new byte[16];
            client.Send("ab"u8);
            Assert.Equal(2, await ReceiveAllAsync(receiver, server, buffer, 2));

            var pending = receiver.ReceiveAsync(server, buffer, CancellationToken.None).AsTask();
            client.Send("xyz"u8);
            int received = await pending.WaitAsync(Bound);
            Assert.InRange(received, 1, 3);
            Assert.Equal("xyz"u8.ToArray()[..received], buffer[..received]);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AnEmptyReceiveWaitsForDataAndLeavesIt(string kind)
    {
        var (client, server) = await PairAsync();
        using (client)
        using (server)
        using (var receiver = Create(kind))
        {
            var waiting = receiver.ReceiveAsync(server, Memory<byte>.Empty, CancellationToken.None).AsTask();
            client.Send("hello"u8);
            Assert.Equal(0, await waiting.WaitAsync(Bound));

            var buffer = new byte[16];
            Assert.Equal(5, await ReceiveAllAsync(receiver, server, buffer, 5));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task EndOfStreamIsZero(string kind)
    {
        var (client, server) = await PairAsync();
        using (server)
        using (var receiver = Create(kind))
        {
            var pending = receiver.ReceiveAsync(server, new byte[16], CancellationToken.None).AsTask();
            client.Shutdown(SocketShutdown.Send);
            Assert.Equal(0, await pending.WaitAsync(Bound));
            client.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AResetIsAFailureWithItsError(string kind)
    {
        var (client, server) = await PairAsync();
        using (server)
        using (var receiver = Create(kind))
        {
            var pending = receiver.ReceiveAsync(server, new byte[16], CancellationToken.None).AsTask();
            client.LingerState = new LingerOption(true, 0);
            client.Dispose();
            Assert.Equal(SocketReceiver.Failed, await pending.WaitAsync(Bound));
            Assert.Equal(SocketError.ConnectionReset, receiver.SocketError);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ACancelledReceiveEndsAsCancelled(string kind)
    {
        var (client, server) = await PairAsync();
        using (client)
        using (server)
        using (var receiver = Create(kind))
        using (var cancel = new CancellationTokenSource())
        {
            var pending = receiver.ReceiveAsync(server, new byte[16], cancel.Token).AsTask();
            Assert.False(pending.IsCompleted);
            cancel.Cancel();
            Assert.Equal(SocketReceiver.Cancelled, await pending.WaitAsync(Bound));
        }
    }

    [Fact]
    public async Task TheAcceptorAcceptsAndStopsWhenCancelled()
    {
        using var listener = Listen();
        var acceptor = new SocketAcceptor(listener);
        using var cancel = new CancellationTokenSource();
        var accepting = acceptor.AcceptAsync(cancel.Token).AsTask();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);
        using (var accepted = await accepting.WaitAsync(Bound))
        {
            Assert.Equal(client.LocalEndPoint, accepted.RemoteEndPoint);
        }

        var next = acceptor.AcceptAsync(cancel.Token).AsTask();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(Bound));
    }

    private static ISocketReceiver Create(string kind) => kind == "loop" ? ISocketReceiver.Create() : new SocketReceiver();

    private static async Task<int> ReceiveAllAsync(ISocketReceiver receiver, Socket socket, byte[] buffer, int count)
    {
        int total = 0;
        while (total < count)
        {
            int received = await receiver.ReceiveAsync(socket, buffer.AsMemory(total), CancellationToken.None).AsTask().WaitAsync(Bound);
            Assert.True(received > 0);
            total += received;
        }

        return total;
    }

    private static Socket Listen()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4);
        return listener;
    }

    private static async Task<(Socket Client, Socket Server)> PairAsync()
    {
        using var listener = Listen();
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);
        var server = await listener.AcceptAsync().WaitAsync(Bound);
        return (client, server);
    }
}
