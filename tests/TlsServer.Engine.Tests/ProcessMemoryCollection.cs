namespace TlsServer.Engine.Tests;

/// <summary>
/// Tests that measure the process's managed memory run alone, after the parallel ones: another test's server
/// allocating meanwhile would count as theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMemoryCollection
{
    public const string Name = "Process memory";
}
