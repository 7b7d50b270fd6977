namespace TlsServer.HelpBuilder;

// A "### Title" under an H2 section, with the blocks that follow it.
internal sealed record SubSection(string Title, int Line, IReadOnlyList<Block> Blocks);

// A "## TITLE" section: blocks before its first H3, then its H3 subsections.
internal sealed record Section(string Title, int Line, IReadOnlyList<Block> Intro, IReadOnlyList<SubSection> Subs);

// The heading outline of a help file: "# Name" then its H2 sections.
internal sealed record Outline(string Title, int TitleLine, IReadOnlyDictionary<string, Section> Sections)
{
    public Section? Find(string name) => Sections.TryGetValue(name, out Section? s) ? s : null;

    public static readonly string[] KnownSections =
    {
        "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS",
        "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS",
    };

    public static Outline? Build(IReadOnlyList<Block> blocks, FileDiagnostics diag)
    {
        int i = 0;
        if (blocks.Count == 0 || blocks[0] is not HeadingBlock { Level: 1 } h1)
        {
            diag.Error(blocks.Count > 0 ? blocks[0].Line : 1, "expected '# Cmdlet-Name' after the front matter");
            return null;
        }

        i++;
        var sections = new Dictionary<string, Section>(StringComparer.Ordinal);
        while (i < blocks.Count)
        {
            if (blocks[i] is not HeadingBlock { Level: 2 } h2)
            {
                diag.Error(blocks[i].Line, "unexpected content outside a '## SECTION'");
                i++;
                continue;
            }

            i++;
            Section section = ReadSection(h2, blocks, ref i, diag);
            if (!KnownSections.Contains(section.Title))
            {
                diag.Error(h2.Line, $"unknown section '## {h2.Text}'");
            }
            else if (!sections.TryAdd(section.Title, section))
            {
                diag.Error(h2.Line, $"duplicate section '## {section.Title}'");
            }
        }

        return new Outline(h1.Text.Trim(), h1.Line, sections);
    }

    private static Section ReadSection(HeadingBlock h2, IReadOnlyList<Block> blocks, ref int i, FileDiagnostics diag)
    {
        var intro = new List<Block>();
        var subs = new List<SubSection>();
        List<Block> current = intro;
        for (; i < blocks.Count; i++)
        {
            Block b = blocks[i];
            if (b is HeadingBlock h)
            {
                if (h.Level <= 2)
                {
                    if (h.Level == 1)
                    {
                        diag.Error(h.Line, "only one '# Cmdlet-Name' heading is allowed");
                        continue;
                    }

                    break;
                }

                if (h.Level == 3)
                {
                    current = new List<Block>();
                    subs.Add(new SubSection(h.Text.Trim(), h.Line, current));
                    continue;
                }

                diag.Error(h.Line, $"heading level {h.Level} is not part of the PlatyPS schema");
                continue;
            }

            current.Add(b);
        }

        return new Section(h2.Text.Trim().ToUpperInvariant(), h2.Line, intro, subs);
    }
}
