using System.Management.Automation;
using TlsServer.HelpBuilder;

// Usage: TlsServer.HelpBuilder <docsDir> <moduleManifest> <outputXmlPath>
// Exit codes: 0 written, 1 help content errors or drift from the cmdlets (nothing written), 2 usage or I/O error.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: dotnet TlsServer.HelpBuilder.dll <docsDir> <moduleManifest> <outputXmlPath>");
    return 2;
}

string docsDir = args[0];
string manifest = Path.GetFullPath(args[1]);
string output = args[2];
if (!Directory.Exists(docsDir))
{
    Console.Error.WriteLine($"{docsDir}: error: docs directory not found");
    return 2;
}

if (!File.Exists(manifest))
{
    Console.Error.WriteLine($"{manifest}: error: module manifest not found");
    return 2;
}

string[] files = Directory.GetFiles(docsDir, "*.md")
    .Where(f => !Path.GetFileName(f).StartsWith("about_", StringComparison.OrdinalIgnoreCase))
    .OrderBy(f => f, StringComparer.Ordinal)
    .ToArray();

var diagnostics = new Diagnostics();
var commands = new List<CommandHelp>();
foreach (string file in files)
{
    CommandHelp? help = HelpFileParser.Parse(file, diagnostics);
    if (help is not null)
    {
        commands.Add(help);
    }
}

foreach (var dup in commands.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
{
    diagnostics.Error(dup.Last().SourcePath, 0, $"cmdlet '{dup.Key}' is documented in more than one file");
}

if (files.Length == 0)
{
    diagnostics.Error(docsDir, 0, "no cmdlet *.md files found");
}

if (!diagnostics.HasErrors)
{
    CheckAgainstCmdlets(manifest, docsDir, commands, diagnostics);
}

if (diagnostics.HasErrors)
{
    foreach (string error in diagnostics.Errors)
    {
        Console.Error.WriteLine(error);
    }

    Console.Error.WriteLine($"{diagnostics.Errors.Count} error(s); {output} was not written");
    return 1;
}

byte[] xml = MamlWriter.Write(commands.OrderBy(c => c.Name, StringComparer.Ordinal));
try
{
    string? dir = Path.GetDirectoryName(Path.GetFullPath(output));
    if (dir is not null)
    {
        Directory.CreateDirectory(dir);
    }

    File.WriteAllBytes(output, xml);
}
catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"{output}: error: {ex.Message}");
    return 2;
}

Console.WriteLine($"{output}: {commands.Count} cmdlet(s) written");
return 0;

// Every exported cmdlet has a help file, and each file's SYNTAX and parameters match the cmdlet.
static void CheckAgainstCmdlets(string manifest, string docsDir, List<CommandHelp> commands, Diagnostics diagnostics)
{
    try
    {
        using var module = new ModuleCommands(manifest);
        foreach (CommandHelp help in commands)
        {
            var diag = new FileDiagnostics(diagnostics, help.SourcePath);
            if (module.Cmdlets.TryGetValue(help.Name, out CmdletInfo? cmdlet))
            {
                CmdletCheck.Run(help, cmdlet, diag);
            }
            else
            {
                diag.Error(1, $"{help.Name} is not a cmdlet that {Path.GetFileName(manifest)} exports");
            }
        }

        foreach (string name in module.Cmdlets.Keys.Where(n => !commands.Any(c => c.Name.Equals(n, StringComparison.OrdinalIgnoreCase))).Order())
        {
            diagnostics.Error(docsDir, 0, $"{name} has no help file ({name}.md)");
        }
    }
    catch (RuntimeException ex)
    {
        diagnostics.Error(manifest, 0, $"the module could not be imported to check its cmdlets: {ex.Message}");
    }
}
