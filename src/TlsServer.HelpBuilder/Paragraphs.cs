using System.Text.RegularExpressions;

namespace TlsServer.HelpBuilder;

// Turns markdown text blocks into MAML paragraphs: soft-wrapped lines join with a space,
// each list item becomes its own paragraph, a fenced block stays one multi-line paragraph.
internal static partial class Paragraphs
{
    [GeneratedRegex(@"^\s*([-*+]|\d+[.)])\s+")]
    private static partial Regex ListItemRegex();

    public static List<string> From(IEnumerable<Block> blocks)
    {
        var paras = new List<string>();
        foreach (Block block in blocks)
        {
            switch (block)
            {
                case TextBlock t:
                    AddText(t.Lines, paras);
                    break;
                case FenceBlock f:
                    paras.Add(f.Content);
                    break;
            }
        }

        return paras;
    }

    public static string StripListMarker(string line) => ListItemRegex().Replace(line, string.Empty, 1);

    private static void AddText(IReadOnlyList<string> lines, List<string> paras)
    {
        var current = new List<string>();
        foreach (string raw in lines)
        {
            string line = raw.Trim();
            if (ListItemRegex().IsMatch(raw) && current.Count > 0)
            {
                paras.Add(string.Join(" ", current));
                current.Clear();
            }

            current.Add(line);
        }

        if (current.Count > 0)
        {
            paras.Add(string.Join(" ", current));
        }
    }
}
