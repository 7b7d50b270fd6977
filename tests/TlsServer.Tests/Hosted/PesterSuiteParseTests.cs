using System.Management.Automation.Language;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Hosted;

/// <summary>The Pester suites and build.ps1 cannot run here (no pwsh, no Pester), but they must at least parse.</summary>
public sealed class PesterSuiteParseTests
{
    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Paths.Pester, "*.ps1").Append(Path.Combine(Paths.RepositoryRoot, "build.ps1")))
        {
            data.Add(Path.GetRelativePath(Paths.RepositoryRoot, file));
        }

        return data;
    }

    [Fact]
    public void ThereArePesterSuites() =>
        Assert.NotEmpty(Directory.GetFiles(Paths.Pester, "*.Tests.ps1"));

    [Theory]
    [MemberData(nameof(Scripts))]
    public void ScriptParses(string relativePath)
    {
        Parser.ParseFile(Path.Combine(Paths.RepositoryRoot, relativePath), out _, out var errors);

        Assert.Empty(errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}"));
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void PesterSuitesUseOnlyExportedCmdlets(string relativePath)
    {
        var ast = Parser.ParseFile(Path.Combine(Paths.RepositoryRoot, relativePath), out _, out _);
        var helpers = Parser.ParseFile(Path.Combine(Paths.Pester, "TestHelpers.psm1"), out _, out _);
        var defined = new[] { ast, helpers }.SelectMany(a => a.FindAll(f => f is FunctionDefinitionAst, true))
            .Cast<FunctionDefinitionAst>().Select(f => f.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // Exported aliases (Close-TlsSession) are the module's commands too.
        var exported = ModuleManifest.CmdletsToExport.Concat(((object[])ModuleManifest.Get("AliasesToExport")!).Cast<string>()).ToArray();
        var used = ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>()
            .Select(c => c.GetCommandName())
            .Where(n => n is not null && n.Contains("-Tls", StringComparison.Ordinal) && !defined.Contains(n));

        Assert.All(used, name => Assert.Contains(name, exported));
    }
}
