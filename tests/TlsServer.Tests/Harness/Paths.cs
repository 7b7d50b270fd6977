using System.Reflection;

namespace TlsServer.Tests.Harness;

public static class Paths
{
    public static string RepositoryRoot { get; } =
        typeof(Paths).Assembly.GetCustomAttribute<RepositoryRootAttribute>()!.Path;

    public static string NuGetPackageRoot { get; } =
        typeof(Paths).Assembly.GetCustomAttribute<NuGetPackageRootAttribute>()!.Path;

    public static string Module { get; } = Path.Combine(RepositoryRoot, "out", "TlsServer");

    public static string ModuleManifest { get; } = Path.Combine(Module, "TlsServer.psd1");

    public static string Docs { get; } = Path.Combine(RepositoryRoot, "docs", "en-US");

    public static string Pester { get; } = Path.Combine(RepositoryRoot, "tests", "Pester");
}
