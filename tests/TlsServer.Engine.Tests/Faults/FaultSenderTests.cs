using System.Diagnostics;
using System.Net.Sockets;
using System.Net;
using TlsServer.Engine.Engines.BouncyCastle.Faults;
using TlsServer.Engine.Engines.BouncyCastle;
using TlsServer.Engine.Faults;

namespace TlsServer.Engine.Tests.Faults;

/// <summary>The fault sender cuts the output at the ledger's marks and acts there, over a real loopback connection.</summary>
public sealed class FaultSenderTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly Socket _server;
    private readonly Socket _client;
    private readonly Recorder _inner = new();
    private readonly OutputLedger _ledger = new();
    private readonly FaultLog _log = new(new[] { TlsFault.Stall(TimeSpan.FromMilliseconds(1)) });
    private readonly List<string> _aborts = new();

    public FaultSenderTests()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        _client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _client.Connect(listener.LocalEndPoint!);
        _server = listener.Accept();
        _log.Applied(0, "after ClientHello", null, 0, "test");
    }

    public void Dispose()
    {
        _server.Dispose();
        _client.Dispose();
    }

    private FaultSender Sender() => new(_inner, _server, _ledger, _log, _aborts.Add);

    private static byte[] Bytes(int count) => Enumerable.Range(0, count).Select(i => (byte)i).ToArray();

    [Fact]
    public async Task PausesBeforeTheMarkedByteAndSendsTheRestAfterIt()
    {
        _ledger.Mark(4, new WireAction(WireActionKind.Delay, 0, "after X") { Delay = TimeSpan.FromMilliseconds(300) });
        var clock = Stopwatch.StartNew();
        int sent = await Sender().SendAsync(Bytes(10), CancellationToken.None);
        Assert.Equal(10, sent);
        Assert.Equal(new[] { 4, 6 }, _inner.Pieces.Select(p => p.Length));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"{clock.Elapsed}");
    }

    [Fact]
    public async Task APauseAtTheEndOfTheOutputWaitsForTheNextBytes()
    {
        _ledger.Mark(10, new WireAction(WireActionKind.Delay, 0, "after X") { Delay = TimeSpan.FromMilliseconds(300) });
        var sender = Sender();
        await sender.SendAsync(Bytes(10), CancellationToken.None);
        await sender.FlushAsync(CancellationToken.None);
        Assert.Single(_inner.Pieces);
        var clock = Stopwatch.StartNew();
        await sender.SendAsync(Bytes(3), CancellationToken.None);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"{clock.Elapsed}");
        Assert.Equal(new[] { 10, 3 }, _inner.Pieces.Select(p => p.Length));
    }

    [Fact]
    public async Task ATruncationSendsItsBudgetThenFinAndHoldsTheRestBack()
    {
        _ledger.Mark(2, new WireAction(WireActionKind.Truncate, 0, "after X") { Budget = 3 });
        var sender = Sender();
        Assert.Equal(5, await sender.SendAsync(Bytes(10), CancellationToken.None));
        Assert.Equal(0, await sender.SendAsync(Bytes(7), CancellationToken.None));
        Assert.Equal(new[] { 2, 3 }, _inner.Pieces.Select(p => p.Length));
        Assert.Equal(5 + 7, _log.Snapshot(applied: true)[0].Bytes);
        _client.ReceiveTimeout = (int)Bound.TotalMilliseconds;
        Assert.Equal(0, _client.Receive(new byte[16]));
        Assert.Empty(_aborts);
    }

    [Fact]
    public async Task AResetAsksTheConnectionToAbortOnceTheOutputReachesIt()
    {
        _ledger.Mark(6, new WireAction(WireActionKind.Reset, 0, "after ServerHello"));
        var sender = Sender();
        Assert.Equal(4, await sender.SendAsync(Bytes(4), CancellationToken.None));
        Assert.Empty(_aborts);
        Assert.Equal(2, await sender.SendAsync(Bytes(2), CancellationToken.None));
        Assert.Equal(new[] { "TCP reset after ServerHello (fault Reset)" }, _aborts);
        Assert.Equal(0, await sender.SendAsync(Bytes(4), CancellationToken.None));
    }

    [Fact]
    public async Task WithholdingSendsNothingFromTheMarkOn()
    {
        _ledger.Mark(0, new WireAction(WireActionKind.Withhold, 0, "after ClientHello"));
        Assert.Equal(0, await Sender().SendAsync(Bytes(100), CancellationToken.None));
        Assert.Empty(_inner.Pieces);
        Assert.Equal(100, _log.Snapshot(applied: true)[0].Bytes);
    }

    [Fact]
    public async Task ADribbleSendsChunksFromTheMarkOn()
    {
        _ledger.Mark(2, new WireAction(WireActionKind.Dribble, 0, "after X") { ChunkSize = 3, Delay = TimeSpan.Zero });
        var sender = Sender();
        Assert.Equal(10, await sender.SendAsync(Bytes(10), CancellationToken.None));
        Assert.Equal(4, await sender.SendAsync(Bytes(4), CancellationToken.None));
        Assert.Equal(new[] { 2, 3, 3, 2, 3, 1 }, _inner.Pieces.Select(p => p.Length));
        Assert.True(_server.NoDelay);
    }

    /// <summary>Records what the fault sender hands on, instead of sending it.</summary>
    private sealed class Recorder : IOutputSender
    {
        public List<byte[]> Pieces { get; } = new();

        public ValueTask<int> SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            Pieces.Add(data.ToArray());
            return ValueTask.FromResult(data.Length);
        }

        public ValueTask FlushAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
