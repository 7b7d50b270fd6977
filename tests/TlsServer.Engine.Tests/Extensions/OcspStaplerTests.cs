using TlsServer.Engine.Extensions;

namespace TlsServer.Engine.Tests.Extensions;

/// <summary>
/// The stapler's refresh on a clock the test moves: responses are fetched in the background halfway through their
/// lifetime, connections read without waiting, and nothing past its nextUpdate is stapled.
/// </summary>
public sealed class OcspStaplerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private readonly ManualClock _clock = new(Start);
    private readonly ScriptedResponder _responder = new();

    [Theory]
    [InlineData(60, 30)]
    [InlineData(7 * 24 * 3600, 24 * 3600)]
    [InlineData(1, 1)]
    [InlineData(0, 1)]
    public void TheNextFetchComesHalfwayThroughTheLifetimeLeftWithinTheBounds(int lifetimeSeconds, int delaySeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(delaySeconds), OcspStapler.RefreshDelay(TimeSpan.FromSeconds(lifetimeSeconds)));

    [Fact]
    public async Task ARefreshRunsInTheBackgroundWhileConnectionsKeepTheCurrentResponse()
    {
        var first = Response(Start + TimeSpan.FromSeconds(60));
        var stapler = Started(first);
        Assert.Equal(Start + TimeSpan.FromSeconds(30), _clock.WaitForTimer(Bound));

        _clock.Advance(TimeSpan.FromSeconds(30));
        var call = _responder.NextCall();
        // The fetch is still waiting for its answer; Current() must not (WaitAsync fails the test after the bound).
        Assert.Same(first, await Task.Run(() => stapler.Current()).WaitAsync(Bound));

        var second = Response(Start + TimeSpan.FromSeconds(90));
        call.Answer(second);
        Assert.Equal(Start + TimeSpan.FromSeconds(60), _clock.WaitForTimer(Bound));
        Assert.Same(second, stapler.Current());
        Assert.Null(stapler.LastError);
        Stop(stapler);
    }

    [Fact]
    public void AfterAFailureItRetriesAndStaplesNothingOnceTheResponseHasExpired()
    {
        var first = Response(Start + TimeSpan.FromSeconds(60));
        var stapler = Started(first);
        _clock.WaitForTimer(Bound);

        _clock.Advance(TimeSpan.FromSeconds(30));
        _responder.NextCall().Fail(new HttpRequestException("Connection refused"));
        Assert.Equal(Start + TimeSpan.FromSeconds(30) + OcspStapler.RetryAfterFailure, _clock.WaitForTimer(Bound));
        Assert.Same(first, stapler.Current());
        Assert.Equal("Connection refused", stapler.LastError);

        _clock.Advance(OcspStapler.RetryAfterFailure);
        var pending = _responder.NextCall();
        _clock.Advance(Start + TimeSpan.FromSeconds(60) - _clock.GetUtcNow());

        Assert.Null(stapler.Current(out string? unavailable));
        Assert.Contains("expired at 2026-12-07 12:01:00Z", unavailable);
        Assert.Contains("Connection refused", unavailable);

        var fresh = Response(_clock.GetUtcNow() + TimeSpan.FromSeconds(60));
        pending.Answer(fresh);
        Assert.NotNull(_clock.WaitForTimer(Bound));
        Assert.Same(fresh, stapler.Current());
        Stop(stapler);
    }

    [Fact]
    public void AResponseAlreadyPastItsNextUpdateIsNotTaken()
    {
        _responder.Prepare(Response(Start - TimeSpan.FromSeconds(1)));
        var stapler = new OcspStapler(_responder.FetchAsync, _clock);

        Assert.False(stapler.FetchFirst());
        Assert.Null(stapler.Current(out string? unavailable));
        Assert.Contains("past its nextUpdate", stapler.LastError);
        Assert.Contains("No OCSP response has been fetched yet", unavailable);
    }

    [Fact]
    public void ARefreshThatBringsAnExpiredResponseKeepsTheOneItHas()
    {
        var first = Response(Start + TimeSpan.FromSeconds(60));
        var stapler = Started(first);
        _clock.WaitForTimer(Bound);

        _clock.Advance(TimeSpan.FromSeconds(30));
        _responder.NextCall().Answer(Response(Start + TimeSpan.FromSeconds(10)));

        Assert.Equal(Start + TimeSpan.FromSeconds(30) + OcspStapler.RetryAfterFailure, _clock.WaitForTimer(Bound));
        Assert.Same(first, stapler.Current());
        Assert.Contains("past its nextUpdate", stapler.LastError);
        Stop(stapler);
    }

    [Fact]
    public void AResponseWithoutNextUpdateServesForItsFixedLifetime()
    {
        var first = Response(null);
        var stapler = Started(first);
        Assert.Equal(Start + OcspStapler.LifetimeWithoutNextUpdate / 2, _clock.WaitForTimer(Bound));
        Stop(stapler);

        _clock.Advance(OcspStapler.LifetimeWithoutNextUpdate - TimeSpan.FromTicks(1));
        Assert.Same(first, stapler.Current());
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.Null(stapler.Current());
    }

    [Fact]
    public void StopCancelsTheFetchUnderWayAndLeavesNoTimer()
    {
        var stapler = Started(Response(Start + TimeSpan.FromSeconds(60)));
        _clock.WaitForTimer(Bound);
        _clock.Advance(TimeSpan.FromSeconds(30));
        var call = _responder.NextCall();

        Stop(stapler);

        Assert.True(call.Task.IsCanceled);
        Assert.Equal(0, _clock.PendingTimers);
        int fetches = _responder.Count;
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(fetches, _responder.Count);
    }

    [Fact]
    public void StopEndsTheLoopWhileItWaits()
    {
        var stapler = Started(Response(Start + TimeSpan.FromSeconds(60)));
        _clock.WaitForTimer(Bound);

        Stop(stapler);

        Assert.Equal(0, _clock.PendingTimers);
        Assert.Equal(1, _responder.Count);
    }

    [Fact]
    public void ServersThatShareAStaplerKeepItsLoopUntilTheLastStops()
    {
        var stapler = Started(Response(Start + TimeSpan.FromSeconds(60)));
        stapler.Start();
        _clock.WaitForTimer(Bound);

        Stop(stapler);
        Assert.Equal(1, _clock.PendingTimers);
        _clock.Advance(TimeSpan.FromSeconds(30));
        _responder.NextCall().Answer(Response(Start + TimeSpan.FromSeconds(90)));
        Assert.NotNull(_clock.WaitForTimer(Bound));

        Stop(stapler);
        Assert.Equal(0, _clock.PendingTimers);
    }

    private OcspStapler Started(TlsOcspResponse first)
    {
        _responder.Prepare(first);
        var stapler = new OcspStapler(_responder.FetchAsync, _clock);
        Assert.True(stapler.FetchFirst());
        stapler.Start();
        return stapler;
    }

    private static void Stop(OcspStapler stapler) => Assert.True(stapler.StopAsync().Wait(Bound), "the refresh loop did not end");

    private static TlsOcspResponse Response(DateTimeOffset? nextUpdate) =>
        new("successful", "good", "1001", Start, Start, nextUpdate, null, null, "CN=responder", "http://127.0.0.1/", new byte[] { 0x30, 0x03, 0x0A, 0x01, 0x00 });
}
