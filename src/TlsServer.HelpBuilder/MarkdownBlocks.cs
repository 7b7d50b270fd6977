using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace TlsServer.HelpBuilder;

// Block-level pieces of a markdown file; Line is 1-based.
internal abstract record Block(int Line);

internal sealed record HeadingBlock(int Line, int Level, string Text) : Block(Line);

internal sealed record FenceBlock(int Line, string Info, string Content) : Block(Line);

// A pipe table, kept as its source lines so Get-Help shows it as a table.
internal sealed record TableBlock(int Line, string Source) : Block(Line);

// One paragraph, or the first paragraph of a list item, as its source text on one line (inline markup kept);
// Links holds its [text](uri) links when the paragraph is nothing but links.
internal sealed record TextBlock(int Line, string ListMarker, string Body, IReadOnlyList<LinkHelp> Links) : Block(Line)
{
    // A list item keeps its marker ("- text"), as Get-Help shows it.
    public string Text => ListMarker.Length == 0 ? Body : $"{ListMarker} {Body}";
}

// A markdown file as Markdig reads it: the YAML front matter (null when there is none) and the blocks after it.
internal sealed record MarkdownFile(string? FrontMatter, IReadOnlyList<Block> Blocks);

// Reads a help file with Markdig (CommonMark plus the YAML front matter extension).
internal static class MarkdownReader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UsePreciseSourceLocation()
        .Build();

    public static MarkdownFile Read(string text, FileDiagnostics diag)
    {
        MarkdownDocument document = Markdown.Parse(text, Pipeline);
        string? frontMatter = null;
        var blocks = new List<Block>();
        foreach (Markdig.Syntax.Block block in document)
        {
            if (block is YamlFrontMatterBlock yaml && frontMatter is null && blocks.Count == 0)
            {
                frontMatter = yaml.Lines.ToString();
                continue;
            }

            AddBlock(block, text, blocks, diag);
        }

        return new MarkdownFile(frontMatter, blocks);
    }

    private static void AddBlock(Markdig.Syntax.Block block, string text, List<Block> blocks, FileDiagnostics diag)
    {
        int line = block.Line + 1;
        switch (block)
        {
            case Markdig.Syntax.HeadingBlock heading:
                blocks.Add(new HeadingBlock(line, heading.Level, InlineSource(heading.Inline, text)));
                break;
            case FencedCodeBlock fence:
                if (fence.ClosingFencedCharCount == 0)
                {
                    diag.Error(line, "code fence is never closed");
                }

                blocks.Add(new FenceBlock(line, fence.Info ?? string.Empty, fence.Lines.ToString()));
                break;
            case ParagraphBlock paragraph:
                blocks.Add(new TextBlock(line, string.Empty, OneLine(Slice(text, paragraph.Span)), OnlyLinks(paragraph.Inline, text)));
                break;
            case Table table:
                string[] rows = Slice(text, table.Span).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                blocks.Add(new TableBlock(line, string.Join("\n", rows)));
                break;
            case ListBlock list:
                foreach (ListItemBlock item in list.OfType<ListItemBlock>())
                {
                    string marker = list.IsOrdered ? $"{item.Order}{list.OrderedDelimiter}" : list.BulletType.ToString();
                    AddListItem(item, marker, text, blocks, diag);
                }

                break;
            case LinkReferenceDefinitionGroup:
                break;
            default:
                diag.Error(line, $"{Describe(block)} is not part of the PlatyPS schema");
                break;
        }
    }

    // The item's first paragraph carries the list marker; what follows in the item is read as usual.
    private static void AddListItem(ListItemBlock item, string marker, string text, List<Block> blocks, FileDiagnostics diag)
    {
        bool first = true;
        foreach (Markdig.Syntax.Block child in item)
        {
            if (first && child is ParagraphBlock paragraph)
            {
                string body = OneLine(Slice(text, paragraph.Span));
                blocks.Add(new TextBlock(item.Line + 1, marker, body, OnlyLinks(paragraph.Inline, text)));
            }
            else
            {
                AddBlock(child, text, blocks, diag);
            }

            first = false;
        }
    }

    // The links of a paragraph that holds only links (and the line breaks between them); otherwise none.
    private static List<LinkHelp> OnlyLinks(ContainerInline? inlines, string text)
    {
        var links = new List<LinkHelp>();
        if (inlines is null)
        {
            return links;
        }

        foreach (Inline inline in inlines)
        {
            switch (inline)
            {
                case LinkInline { IsImage: false } link:
                    links.Add(new LinkHelp(InlineSource(link, text).Trim(), link.Url ?? string.Empty));
                    break;
                case LineBreakInline:
                    break;
                case LiteralInline literal when literal.Content.IsEmptyOrWhitespace():
                    break;
                default:
                    return new List<LinkHelp>();
            }
        }

        return links;
    }

    // The markdown source of a container's children: a heading's text, a link's label.
    private static string InlineSource(ContainerInline? container, string text)
    {
        if (container?.FirstChild is null || container.LastChild is null)
        {
            return string.Empty;
        }

        return Slice(text, new SourceSpan(container.FirstChild.Span.Start, container.LastChild.Span.End)).Trim();
    }

    private static string Slice(string text, SourceSpan span) =>
        span.IsEmpty ? string.Empty : text.Substring(span.Start, span.Length);

    // Soft-wrapped source lines read as one paragraph.
    private static string OneLine(string source) =>
        string.Join(" ", source.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    private static string Describe(Markdig.Syntax.Block block) => block switch
    {
        QuoteBlock => "a block quote",
        HtmlBlock => "an HTML block",
        ThematicBreakBlock => "a thematic break ('---')",
        CodeBlock => "an indented code block (use a ``` fence)",
        _ => $"a {block.GetType().Name}",
    };
}
