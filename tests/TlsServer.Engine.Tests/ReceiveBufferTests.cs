using TlsServer.Engine.Applications;

namespace TlsServer.Engine.Tests;

public sealed class ReceiveBufferTests
{
    [Fact]
    public async Task AFullBufferMakesTheWriterWaitUntilTheReaderTakes()
    {
        var buffer = new ReceiveBuffer(capacity: 4);
        await buffer.WriteAsync(new byte[] { 1, 2, 3 }, CancellationToken.None);

        var blocked = buffer.WriteAsync(new byte[] { 4, 5 }, CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(blocked.IsCompleted);

        Assert.Equal(new byte[] { 1, 2, 3 }, buffer.Take());
        await blocked.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(new byte[] { 4, 5 }, buffer.Take());
    }

    [Fact]
    public async Task AChunkLargerThanTheCapacityIsStillTakenWhenTheBufferIsEmpty()
    {
        var buffer = new ReceiveBuffer(capacity: 2);
        await buffer.WriteAsync(new byte[] { 1, 2, 3, 4 }, CancellationToken.None);

        Assert.Equal(4, buffer.Count);
    }

    [Fact]
    public async Task AWaitingWriterCanBeCancelled()
    {
        var buffer = new ReceiveBuffer(capacity: 1);
        await buffer.WriteAsync(new byte[] { 1 }, CancellationToken.None);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => buffer.WriteAsync(new byte[] { 2 }, cts.Token).AsTask());
    }
}
