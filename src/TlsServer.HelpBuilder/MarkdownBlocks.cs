using System.Text.RegularExpressions;

namespace TlsServer.HelpBuilder;

// Block-level pieces of a markdown file; Line is 1-based.
internal abstract record Block(int Line);

internal sealed record HeadingBlock(int Line, int Level, string Text) : Block(Line);

internal sealed record FenceBlock(int Line, string Info, string Content) : Block(Line);

// Consecutive non-blank lines (a paragraph, or a run of list items).
internal sealed record TextBlock(int Line, IReadOnlyList<string> Lines) : Block(Line);

// Splits markdown lines into headings, fenced code blocks and text paragraphs.
internal static partial class MarkdownTokenizer
{
    [GeneratedRegex(@"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")]
    private static partial Regex HeadingRegex();

    [GeneratedRegex(@"^( {0,3})(`{3,}|~{3,})\s*([^`]*?)\s*$")]
    private static partial Regex FenceOpenRegex();

    public static List<Block> Tokenize(IReadOnlyList<string> lines, int start, FileDiagnostics diag)
    {
        var blocks = new List<Block>();
        var text = new List<string>();
        int textLine = 0;

        void FlushText()
        {
            if (text.Count > 0)
            {
                blocks.Add(new TextBlock(textLine, text.ToArray()));
                text.Clear();
            }
        }

        for (int i = start; i < lines.Count; i++)
        {
            string line = lines[i];
            Match fence = FenceOpenRegex().Match(line);
            if (fence.Success)
            {
                FlushText();
                i = ReadFence(lines, i, fence, blocks, diag);
                continue;
            }

            Match heading = HeadingRegex().Match(line);
            if (heading.Success)
            {
                FlushText();
                blocks.Add(new HeadingBlock(i + 1, heading.Groups[1].Length, heading.Groups[2].Value));
                continue;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                FlushText();
                continue;
            }

            if (text.Count == 0)
            {
                textLine = i + 1;
            }

            text.Add(line);
        }

        FlushText();
        return blocks;
    }

    // Reads a fenced block starting at lines[open]; returns the index of its closing line.
    private static int ReadFence(IReadOnlyList<string> lines, int open, Match fence, List<Block> blocks, FileDiagnostics diag)
    {
        int indent = fence.Groups[1].Length;
        string marker = fence.Groups[2].Value;
        var content = new List<string>();
        for (int i = open + 1; i < lines.Count; i++)
        {
            string trimmed = lines[i].Trim();
            if (trimmed.Length >= marker.Length && trimmed.All(c => c == marker[0]))
            {
                blocks.Add(new FenceBlock(open + 1, fence.Groups[3].Value, string.Join("\n", content)));
                return i;
            }

            content.Add(RemoveIndent(lines[i], indent));
        }

        diag.Error(open + 1, "code fence is never closed");
        return lines.Count;
    }

    private static string RemoveIndent(string line, int indent)
    {
        int n = 0;
        while (n < indent && n < line.Length && line[n] == ' ')
        {
            n++;
        }

        return line[n..];
    }
}
