namespace TlsServer.HelpBuilder;

// Turns markdown blocks into MAML paragraphs: a paragraph or list item is one line, a fenced block or a table stays
// one multi-line paragraph.
internal static class Paragraphs
{
    public static List<string> From(IEnumerable<Block> blocks)
    {
        var paras = new List<string>();
        foreach (Block block in blocks)
        {
            switch (block)
            {
                case TextBlock t:
                    paras.Add(t.Text);
                    break;
                case FenceBlock f:
                    paras.Add(f.Content);
                    break;
                case TableBlock t:
                    paras.Add(t.Source);
                    break;
            }
        }

        return paras;
    }
}
