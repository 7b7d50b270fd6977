using System.Text.RegularExpressions;

namespace TlsServer.HelpBuilder;

// Parses one PlatyPS markdown file into a CommandHelp, reporting every problem found.
internal static partial class HelpFileParser
{
    [GeneratedRegex(@"\{\{\s*(Fill|Add|Insert)\b")]
    private static partial Regex PlaceholderRegex();

    public static CommandHelp? Parse(string path, Diagnostics sink)
    {
        var diag = new FileDiagnostics(sink, path);
        string text = File.ReadAllText(path).Replace("\r\n", "\n").Replace('\r', '\n');
        string[] lines = text.Split('\n');
        CheckPlaceholders(lines, diag);

        MarkdownFile markdown = MarkdownReader.Read(text, diag);
        FrontMatter? fm = FrontMatter.Parse(markdown.FrontMatter, diag);
        if (fm is null)
        {
            return null;
        }

        Outline? outline = Outline.Build(markdown.Blocks, diag);
        if (outline is null)
        {
            return null;
        }

        string name = outline.Title;
        string expected = Path.GetFileNameWithoutExtension(path);
        if (!name.Equals(expected, StringComparison.OrdinalIgnoreCase))
        {
            diag.Error(outline.TitleLine, $"title '# {name}' does not match the file name '{expected}'");
        }

        if (name.Split('-').Length != 2 || name.StartsWith('-') || name.EndsWith('-'))
        {
            diag.Error(outline.TitleLine, $"'{name}' is not a Verb-Noun cmdlet name");
        }

        string synopsis = SectionReaders.ReadSynopsis(Require(outline, "SYNOPSIS", diag), diag);
        var description = SectionReaders.ReadParagraphs(Require(outline, "DESCRIPTION", diag), diag);
        var syntax = SectionReaders.ReadSyntax(Require(outline, "SYNTAX", diag), name, diag);
        var examples = SectionReaders.ReadExamples(Require(outline, "EXAMPLES", diag), diag);
        var parameters = ParameterSection.Read(Require(outline, "PARAMETERS", diag), diag);
        var inputs = SectionReaders.ReadTypes(outline.Find("INPUTS"), diag);
        var outputs = SectionReaders.ReadTypes(outline.Find("OUTPUTS"), diag);
        var notes = SectionReaders.ReadParagraphs(outline.Find("NOTES"), diag);
        var links = SectionReaders.ReadLinks(outline.Find("RELATED LINKS"), diag);
        if (diag.Count == 0)
        {
            // Cross-checks only on otherwise clean files, to avoid follow-on noise.
            SyntaxCheck.Run(syntax, parameters, diag);
        }

        if (diag.Count > 0)
        {
            return null;
        }

        return new CommandHelp(name, path, fm.Get(FrontMatter.OnlineVersionKey), synopsis, description,
            syntax, parameters, examples, inputs, outputs, notes, links);
    }

    private static Section? Require(Outline outline, string name, FileDiagnostics diag)
    {
        Section? s = outline.Find(name);
        if (s is null)
        {
            diag.Error(outline.TitleLine, $"missing section '## {name}'");
        }

        return s;
    }

    // PlatyPS stubs contain "{{ Fill ... }}"; such text must never ship.
    private static void CheckPlaceholders(string[] lines, FileDiagnostics diag)
    {
        for (int i = 0; i < lines.Length; i++)
        {
            if (PlaceholderRegex().IsMatch(lines[i]))
            {
                diag.Error(i + 1, "unfilled PlatyPS placeholder '{{ ... }}'");
            }
        }
    }
}
