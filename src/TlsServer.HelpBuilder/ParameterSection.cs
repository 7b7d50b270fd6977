namespace TlsServer.HelpBuilder;

// Reads "## PARAMETERS": each "### -Name" needs a description and at least one ```yaml block.
internal static class ParameterSection
{
    private const string CommonParameters = "CommonParameters";

    public static List<ParameterHelp> Read(Section? section, FileDiagnostics diag)
    {
        var parameters = new List<ParameterHelp>();
        if (section is null)
        {
            return parameters;
        }

        foreach (Block block in section.Intro)
        {
            diag.Error(block.Line, "text in PARAMETERS must be under a '### -Name' heading");
        }

        foreach (SubSection sub in section.Subs)
        {
            if (sub.Title.Equals(CommonParameters, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!sub.Title.StartsWith('-') || sub.Title.Length < 2 || sub.Title.Contains(' '))
            {
                diag.Error(sub.Line, $"parameter heading must be '### -Name', not '### {sub.Title}'");
                continue;
            }

            ParameterHelp? p = ReadOne(sub, diag);
            if (p is null)
            {
                continue;
            }

            if (parameters.Any(x => x.Name.Equals(p.Name, StringComparison.OrdinalIgnoreCase)))
            {
                diag.Error(sub.Line, $"parameter -{p.Name} is documented twice");
                continue;
            }

            parameters.Add(p);
        }

        return parameters;
    }

    private static ParameterHelp? ReadOne(SubSection sub, FileDiagnostics diag)
    {
        string name = sub.Title[1..];
        var yaml = sub.Blocks.OfType<FenceBlock>().Where(f => f.Info.Equals("yaml", StringComparison.OrdinalIgnoreCase)).ToList();
        var description = Paragraphs.From(sub.Blocks.Where(b => !yaml.Contains(b)));
        if (yaml.Count == 0)
        {
            diag.Error(sub.Line, $"parameter -{name} has no ```yaml block");
            return null;
        }

        if (description.Count == 0)
        {
            diag.Error(sub.Line, $"parameter -{name} has no description");
        }

        var blocks = new List<ParameterBlock>();
        foreach (FenceBlock fence in yaml)
        {
            ParameterBlock? b = ParameterYaml.Parse(fence, diag);
            if (b is not null)
            {
                blocks.Add(b);
            }
        }

        if (blocks.Count != yaml.Count)
        {
            return null;
        }

        CheckBlocksAgree(name, blocks, diag);
        return new ParameterHelp(name, description, blocks, sub.Line);
    }

    // Several yaml blocks describe one parameter in different sets: same type, no set twice.
    private static void CheckBlocksAgree(string name, List<ParameterBlock> blocks, FileDiagnostics diag)
    {
        if (blocks.Count < 2)
        {
            return;
        }

        foreach (ParameterBlock b in blocks.Skip(1).Where(b => b.Type != blocks[0].Type))
        {
            diag.Error(b.Line, $"parameter -{name} has type '{b.Type}' here but '{blocks[0].Type}' above");
        }

        if (blocks.Any(b => b.AppliesToAll))
        {
            diag.Error(blocks[1].Line, $"parameter -{name} has a '(All)' block and other blocks");
            return;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (ParameterBlock b in blocks)
        {
            foreach (string set in b.Sets.Where(s => !seen.Add(s)))
            {
                diag.Error(b.Line, $"parameter -{name} describes set '{set}' twice");
            }
        }
    }
}
