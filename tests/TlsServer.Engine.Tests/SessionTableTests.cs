using TlsServer.Engine.Runtime;


namespace TlsServer.Engine.Tests;

public sealed class SessionTableTests
{
    [Fact]
    public void TheOldestEndedSessionsAreEvictedFirstAndLiveOnesNever()
    {
        using var server = TestServers.Start();
        var table = new SessionTable(limit: 2);
        var records = Enumerable.Range(0, 4).Select(_ => new SessionRecord(server.Server, table.NextId(), null, null)).ToList();
        table.Add(records[0]);
        table.Add(records[1]);
        table.Add(records[2]);

        Assert.Equal(new long[] { 1, 2, 3 }, table.Snapshot().Select(s => s.Id));

        records[1].End(failed: false, "done");
        table.OnEnded();
        Assert.Equal(new long[] { 1, 3 }, table.Snapshot().Select(s => s.Id));

        records[0].End(failed: true, "gone");
        table.Add(records[3]);
        Assert.Equal(new long[] { 3, 4 }, table.Snapshot().Select(s => s.Id));
    }

    [Fact]
    public void EndingTwiceKeepsTheFirstOutcome()
    {
        using var server = TestServers.Start();
        var record = new SessionRecord(server.Server, 1, null, null);

        Assert.True(record.End(failed: true, "first"));
        Assert.False(record.End(failed: false, "second"));
        Assert.Equal(SessionState.Failed, record.State);
        Assert.Equal("first", record.Error);
    }
}
