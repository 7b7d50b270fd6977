using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TlsServer.HelpBuilder;

// One "key: value" of a YAML mapping; Line is the file's 1-based line.
internal sealed record YamlPair(string Key, string Value, int Line);

// Reads a YAML block of "key: value" lines with YamlDotNet; keys in their order, an empty value as "".
internal static class YamlPairs
{
    // firstLine: the file line of the block's first line, so errors point into the markdown file.
    public static List<YamlPair>? Read(string content, int firstLine, string what, FileDiagnostics diag)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(content));
        }
        catch (YamlException ex)
        {
            diag.Error(firstLine + (int)ex.Start.Line - 1, $"{what} is not valid YAML: {Reason(ex)}");
            return null;
        }

        var pairs = new List<YamlPair>();
        if (stream.Documents.Count == 0)
        {
            return pairs;
        }

        if (stream.Documents.Count > 1 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            diag.Error(firstLine, $"{what} must be 'key: value' lines");
            return null;
        }

        bool ok = true;
        foreach ((YamlNode key, YamlNode value) in mapping.Children)
        {
            int line = firstLine + (int)key.Start.Line - 1;
            if (key is not YamlScalarNode { Value: not null } k || value is not YamlScalarNode v)
            {
                diag.Error(line, $"{what} may only hold 'key: value' lines with plain values");
                ok = false;
                continue;
            }

            pairs.Add(new YamlPair(k.Value, v.Value ?? string.Empty, line));
        }

        return ok ? pairs : null;
    }

    // YamlDotNet's message starts with the position, which the diagnostic already gives.
    private static string Reason(YamlException ex)
    {
        string message = ex.InnerException?.Message ?? ex.Message;
        int close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && close > 0 ? message[(close + 3)..] : message;
    }
}
