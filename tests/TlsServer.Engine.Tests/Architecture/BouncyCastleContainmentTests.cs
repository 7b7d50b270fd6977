using System.Text.RegularExpressions;

namespace TlsServer.Engine.Tests.Architecture;

/// <summary>BouncyCastle's TLS stays inside its engine's folder; the other code reads the registry's tables of our own.</summary>
public sealed partial class BouncyCastleContainmentTests
{
    private const string EngineFolder = "Engines/BouncyCastle/";

    [Fact]
    public void OnlyTheBouncyCastleEngineNamesBouncyCastlesTls()
    {
        var found = new List<string>();
        foreach (string project in new[] { "TlsServer.Engine", "TlsServer.PowerShell", "TlsServer.PowerShell.Loader" })
        {
            string folder = Path.Combine(SourceTree.Root, "src", project);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (string file in SourceTree.CSharpFiles(folder))
            {
                if (project == "TlsServer.Engine" && file.StartsWith(EngineFolder, StringComparison.Ordinal))
                {
                    continue;
                }

                if (File.ReadAllText(Path.Combine(folder, file)).Contains("Org.BouncyCastle.Tls", StringComparison.Ordinal))
                {
                    found.Add($"{project}/{file}");
                }
            }
        }

        Assert.True(found.Count == 0, "Name Org.BouncyCastle.Tls outside " + EngineFolder + ": " + string.Join(", ", found));
    }

    [Fact]
    public void OnlyServerEnginesNamesTheBouncyCastleEngine()
    {
        // Engine-neutral code asks ServerEngines what the default engine implements, never the engine's own classes.
        var found = SourceTree.CSharpFiles(SourceTree.Engine)
            .Where(f => !f.StartsWith(EngineFolder, StringComparison.Ordinal) && f != "Engines/ServerEngines.cs")
            .Where(f => File.ReadAllText(Path.Combine(SourceTree.Engine, f)).Contains("Engines.BouncyCastle", StringComparison.Ordinal))
            .ToArray();
        Assert.True(found.Length == 0, "Name the BouncyCastle engine outside " + EngineFolder + ": " + string.Join(", ", found));
    }

    [Fact]
    public void TheEngineRootHoldsOnlyPublicTypes()
    {
        var found = SourceTree.CSharpFiles(SourceTree.Engine)
            .Where(f => !f.Contains('/'))
            .Where(f => NonPublicType().IsMatch(File.ReadAllText(Path.Combine(SourceTree.Engine, f))))
            .ToArray();
        Assert.True(found.Length == 0, "Internal types at the engine's root: " + string.Join(", ", found));
    }

    [Fact]
    public void OnlyTheConfigAndTheOptionsNameServerOptions()
    {
        var found = SourceTree.CSharpFiles(SourceTree.Engine)
            .Where(f => !f.StartsWith("Config/ServerConfig", StringComparison.Ordinal) && !f.StartsWith("Options/", StringComparison.Ordinal))
            .Where(f => Regex.IsMatch(StripComments(File.ReadAllText(Path.Combine(SourceTree.Engine, f))), @"\bServerOptions\b"))
            .ToArray();
        Assert.True(found.Length == 0, "Name ServerOptions in code: " + string.Join(", ", found));
    }

    private static string StripComments(string source) => Regex.Replace(source, @"//.*$", string.Empty, RegexOptions.Multiline);

    /// <summary>A top-level type declared internal, file-local, or with no access modifier (which C# makes internal).</summary>
    [GeneratedRegex(@"^(?:(?:internal|file)\s+[\w\s]*|(?:(?:sealed|static|abstract|partial|readonly)\s+)*)(?:class|record|struct|interface|enum)\s", RegexOptions.Multiline)]
    private static partial Regex NonPublicType();
}
