using System.Reflection;

namespace TlsServer.Engine.Tests.Architecture;

/// <summary>The repository's source files, for tests that check how the code is laid out.</summary>
internal static class SourceTree
{
    public static string Root { get; } = typeof(SourceTree).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;

    public static string Engine => Path.Combine(Root, "src", "TlsServer.Engine");

    /// <summary>The C# files under a folder of the repository, as paths relative to that folder with '/' separators.</summary>
    public static IReadOnlyList<string> CSharpFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
}
