namespace TlsServer.Tests.Hostile;

/// <summary>Tests that measure the whole process (handles, threads, memory) run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial";
}
