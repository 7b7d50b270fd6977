using System.Reflection;
using System.Text.RegularExpressions;

namespace TlsServer.Engine.Tests.Architecture;

/// <summary>Error ids come from one catalog, so a search for an id finds where it is raised.</summary>
public sealed partial class ErrorIdTests
{
    private static readonly FieldInfo[] Ids = typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static);

    [Fact]
    public void EveryIdIsItsOwnNameInPascalCase()
    {
        Assert.NotEmpty(Ids);
        foreach (var field in Ids)
        {
            Assert.True(field.IsLiteral, field.Name);
            Assert.Equal(field.Name, (string)field.GetRawConstantValue()!);
            Assert.Matches("^[A-Z][A-Za-z0-9]*$", field.Name);
        }
    }

    [Fact]
    public void NoIdIsWrittenAsText()
    {
        var found = new List<string>();
        foreach (string project in new[] { "TlsServer.Engine", "TlsServer.PowerShell" })
        {
            string folder = Path.Combine(SourceTree.Root, "src", project);
            foreach (string file in SourceTree.CSharpFiles(folder))
            {
                string text = File.ReadAllText(Path.Combine(folder, file));
                found.AddRange(LiteralId().Matches(text).Select(m => $"{project}/{file}: {m.Value}"));
            }
        }

        Assert.Empty(found);
    }

    [Fact]
    public void EveryIdIsRaisedSomewhere()
    {
        string sources = string.Concat(new[] { "TlsServer.Engine", "TlsServer.PowerShell" }
            .Select(p => Path.Combine(SourceTree.Root, "src", p))
            .SelectMany(folder => SourceTree.CSharpFiles(folder).Where(f => f != "ErrorIds.cs").Select(f => File.ReadAllText(Path.Combine(folder, f)))));
        var unused = Ids.Select(f => f.Name).Where(name => !sources.Contains($"ErrorIds.{name}", StringComparison.Ordinal)).ToArray();
        Assert.True(unused.Length == 0, "Never raised: " + string.Join(", ", unused));
    }

    /// <summary>A string (or interpolated string) where an error id goes: first argument of an error factory, or before the kind.</summary>
    [GeneratedRegex("""(?:new TlsServerException|TlsServerException\.Invalid|TlsServerException\.NotSupported|ErrorRecords\.Create)\(\s*\$?"|\$?"[^"\n]*"\s*,\s*(?:ErrorKind|ErrorCategory)\.""")]
    private static partial Regex LiteralId();
}
