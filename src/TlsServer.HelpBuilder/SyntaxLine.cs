using System.Text.RegularExpressions;

namespace TlsServer.HelpBuilder;

// One parameter as a syntax line shows it: [..] around it when optional, [-Name] when positional, <Type> unless a switch.
internal sealed record SyntaxParameter(string Name, bool Optional, bool Positional, string? TypeName);

// Reads the parameters of a syntax line such as
// "Get-X [[-Name] <String[]>] -Id <Int32> [-Level <Level>] [-PassThru] [<CommonParameters>]".
internal static partial class SyntaxLine
{
    // One token at the scan position, in the four shapes PowerShell's syntax notation has, with or without [..].
    [GeneratedRegex(@"\G\s*(?:
          \[\[-(?<name>\w+)\]\s+<(?<type>[^<>]+)>\]     (?<optional>)(?<positional>)
        | \[-(?<name>\w+)\]\s+<(?!CommonParameters>)(?<type>[^<>]+)>   (?<positional>)
        | \[-(?<name>\w+)\s+<(?<type>[^<>]+)>\]         (?<optional>)
        | \[-(?<name>\w+)\]                             (?<optional>)
        | -(?<name>\w+)\s+<(?<type>[^<>]+)>
        | -(?<name>\w+)(?=\s|$)
        | (?<common>\[<CommonParameters>\])
        )", RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex TokenRegex();

    public static List<SyntaxParameter> Parse(string text, int line, string setName, FileDiagnostics diag)
    {
        var parameters = new List<SyntaxParameter>();
        int at = 0;
        while (at < text.Length && !string.IsNullOrWhiteSpace(text[at..]))
        {
            Match m = TokenRegex().Match(text, at);
            if (!m.Success)
            {
                diag.Error(line, $"syntax set '{setName}': cannot read '{text[at..].Trim()}'");
                break;
            }

            at = m.Index + m.Length;
            if (m.Groups["common"].Success)
            {
                continue;
            }

            parameters.Add(new SyntaxParameter(
                m.Groups["name"].Value,
                m.Groups["optional"].Success,
                m.Groups["positional"].Success,
                m.Groups["type"].Success ? m.Groups["type"].Value.Trim() : null));
        }

        return parameters;
    }
}
