using System.Collections;
using System.Management.Automation.Language;

namespace TlsServer.Tests.Harness;

/// <summary>The module manifest as data, read with the PowerShell parser.</summary>
public static class ModuleManifest
{
    private static readonly Lazy<Hashtable> Data = new(() =>
    {
        var ast = Parser.ParseFile(Path.Combine(Paths.RepositoryRoot, "module", "TlsServer.psd1"), out _, out _);
        return (Hashtable)ast.Find(a => a is HashtableAst, false)!.SafeGetValue();
    });

    public static IReadOnlyList<string> CmdletsToExport =>
        ((object[])Data.Value["CmdletsToExport"]!).Cast<string>().ToArray();

    public static object? Get(string key) => Data.Value[key];
}
