using System.Text.RegularExpressions;

namespace TlsServer.HelpBuilder;

// Readers for the sections other than PARAMETERS.
internal static partial class SectionReaders
{
    [GeneratedRegex(@"^(?<name>.+?)(\s+\((?<default>Default)\))?$", RegexOptions.IgnoreCase)]
    private static partial Regex SetHeadingRegex();


    public static string ReadSynopsis(Section? section, FileDiagnostics diag)
    {
        if (section is null)
        {
            return string.Empty;
        }

        RejectSubsections(section, diag);
        List<string> paras = Paragraphs.From(section.Intro);
        if (paras.Count == 0)
        {
            diag.Error(section.Line, "SYNOPSIS is empty");
            return string.Empty;
        }

        return string.Join(" ", paras);
    }

    // DESCRIPTION and NOTES: plain paragraphs; DESCRIPTION may not be empty.
    public static List<string> ReadParagraphs(Section? section, FileDiagnostics diag)
    {
        if (section is null)
        {
            return new List<string>();
        }

        RejectSubsections(section, diag);
        List<string> paras = Paragraphs.From(section.Intro);
        if (paras.Count == 0 && section.Title == "DESCRIPTION")
        {
            diag.Error(section.Line, "DESCRIPTION is empty");
        }

        return paras;
    }

    public static List<SyntaxSet> ReadSyntax(Section? section, string cmdlet, FileDiagnostics diag)
    {
        var sets = new List<SyntaxSet>();
        if (section is null)
        {
            return sets;
        }

        RejectIntro(section, diag);
        foreach (SubSection sub in section.Subs)
        {
            var fences = sub.Blocks.OfType<FenceBlock>().ToList();
            if (fences.Count != 1 || sub.Blocks.Count != 1)
            {
                diag.Error(sub.Line, $"syntax set '{sub.Title}' needs exactly one code block and nothing else");
                continue;
            }

            string code = string.Join(" ", fences[0].Content.Split('\n', StringSplitOptions.TrimEntries));
            if (!code.StartsWith(cmdlet + " ", StringComparison.OrdinalIgnoreCase) && !code.Equals(cmdlet, StringComparison.OrdinalIgnoreCase))
            {
                diag.Error(fences[0].Line, $"syntax line must start with '{cmdlet}'");
                continue;
            }

            Match m = SetHeadingRegex().Match(sub.Title);
            string setName = m.Groups["name"].Value;
            var parameters = SyntaxLine.Parse(code[cmdlet.Length..], fences[0].Line, setName, diag);
            sets.Add(new SyntaxSet(setName, m.Groups["default"].Success, parameters, sub.Line));
        }

        if (sets.Count == 0)
        {
            diag.Error(section.Line, "SYNTAX has no '### ParameterSetName' with a code block");
        }

        foreach (var dup in sets.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            diag.Error(dup.Last().Line, $"duplicate parameter set '{dup.Key}'");
        }

        return sets;
    }

    public static List<ExampleHelp> ReadExamples(Section? section, FileDiagnostics diag)
    {
        var examples = new List<ExampleHelp>();
        if (section is null)
        {
            return examples;
        }

        RejectIntro(section, diag);
        foreach (SubSection sub in section.Subs)
        {
            var code = sub.Blocks.OfType<FenceBlock>().Select(f => f.Content.TrimEnd()).ToList();
            if (code.Count == 0 || code.Any(c => c.Trim().Length == 0))
            {
                diag.Error(sub.Line, $"example '{sub.Title}' has no (or an empty) code block");
                continue;
            }

            var remarks = Paragraphs.From(sub.Blocks.Where(b => b is not FenceBlock));
            examples.Add(new ExampleHelp(sub.Title, string.Join("\n\n", code), remarks));
        }

        if (section.Subs.Count == 0)
        {
            diag.Error(section.Line, "EXAMPLES has no '### Example'");
        }

        return examples;
    }

    // INPUTS and OUTPUTS: "### TypeName" followed by its description.
    public static List<TypeHelp> ReadTypes(Section? section, FileDiagnostics diag)
    {
        var types = new List<TypeHelp>();
        if (section is null)
        {
            return types;
        }

        RejectIntro(section, diag);
        foreach (SubSection sub in section.Subs)
        {
            types.Add(new TypeHelp(sub.Title, Paragraphs.From(sub.Blocks)));
        }

        return types;
    }

    // RELATED LINKS: one "[text](uri)" or plain text per line, optionally as list items.
    public static List<LinkHelp> ReadLinks(Section? section, FileDiagnostics diag)
    {
        var links = new List<LinkHelp>();
        if (section is null)
        {
            return links;
        }

        RejectSubsections(section, diag);
        foreach (Block block in section.Intro)
        {
            if (block is not TextBlock text)
            {
                diag.Error(block.Line, "RELATED LINKS may only hold links");
                continue;
            }

            if (text.Links.Count > 0)
            {
                links.AddRange(text.Links);
            }
            else
            {
                links.Add(new LinkHelp(text.Body, string.Empty));
            }
        }

        return links;
    }

    private static void RejectSubsections(Section section, FileDiagnostics diag)
    {
        foreach (SubSection sub in section.Subs)
        {
            diag.Error(sub.Line, $"'### {sub.Title}' is not allowed in {section.Title}");
        }
    }

    private static void RejectIntro(Section section, FileDiagnostics diag)
    {
        foreach (Block block in section.Intro)
        {
            diag.Error(block.Line, $"text in {section.Title} must be under a '###' heading");
        }
    }
}
