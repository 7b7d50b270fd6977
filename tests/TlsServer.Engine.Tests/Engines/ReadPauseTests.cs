using TlsServer.Engine.Engines.Platform;

namespace TlsServer.Engine.Tests.Engines;

public sealed class ReadPauseTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task APauseCancelsTheWaitHoldsTheLoopAndEndsWithEnd()
    {
        var pause = new ReadPause();
        var token = pause.Token;
        Assert.False(await pause.HoldIfRequestedAsync());

        var begun = pause.BeginAsync(CancellationToken.None);
        Assert.True(token.IsCancellationRequested);
        Assert.False(begun.IsCompleted);

        var held = pause.HoldIfRequestedAsync();
        await begun.WaitAsync(Bound);
        Assert.False(held.IsCompleted);

        pause.End();
        Assert.True(await held.WaitAsync(Bound));
        Assert.False(pause.Token.IsCancellationRequested);
        Assert.False(await pause.HoldIfRequestedAsync());
    }

    [Fact]
    public async Task ACommandWaitingOnAnEndedLoopFails()
    {
        var pause = new ReadPause();
        var begun = pause.BeginAsync(CancellationToken.None);

        pause.Close();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => begun.WaitAsync(Bound));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pause.BeginAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ACancelledCommandLeavesNoPauseBehind()
    {
        var pause = new ReadPause();
        using var cancel = new CancellationTokenSource();
        var begun = pause.BeginAsync(cancel.Token);

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => begun.WaitAsync(Bound));
        Assert.False(await pause.HoldIfRequestedAsync());
        Assert.False(pause.Token.IsCancellationRequested);
    }
}
