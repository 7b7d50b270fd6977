namespace TlsServer.Engine.Tests.Wire;

/// <summary>The harness's test classes share one set of servers and run one after another (s_server serves one client at a time).</summary>
[CollectionDefinition(Name)]
public sealed class WireCollection : ICollectionFixture<WireServers>
{
    public const string Name = "Wire";
}
