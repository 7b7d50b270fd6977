using System.Diagnostics;

namespace TlsServer.Tests.Hostile;

/// <summary>This process's handles, threads and managed memory, to compare against a baseline.</summary>
public sealed record ProcessResources(int Handles, int Threads, long ManagedBytes)
{
    public static ProcessResources Measure()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        return new ProcessResources(Directory.GetFiles("/proc/self/fd").Length, process.Threads.Count, GC.GetTotalMemory(forceFullCollection: true));
    }

    /// <summary>Fails when this measurement has grown past the baseline by more than churn explains.</summary>
    public void AssertNoLeakSince(ProcessResources baseline)
    {
        Assert.True(Handles <= baseline.Handles + 16, $"handles grew from {baseline.Handles} to {Handles}");
        Assert.True(Threads <= baseline.Threads + 16, $"threads grew from {baseline.Threads} to {Threads}");
        Assert.True(ManagedBytes <= baseline.ManagedBytes + 32 * 1024 * 1024, $"managed memory grew from {baseline.ManagedBytes} to {ManagedBytes}");
    }
}
