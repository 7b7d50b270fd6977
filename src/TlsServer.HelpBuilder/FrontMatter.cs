namespace TlsServer.HelpBuilder;

// The YAML header between the leading "---" lines of a PlatyPS file.
internal sealed class FrontMatter
{
    public const string ExternalHelpFileKey = "external help file";
    public const string ModuleNameKey = "Module Name";
    public const string OnlineVersionKey = "online version";
    public const string SchemaKey = "schema";

    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public int BodyStart { get; private set; }

    public string Get(string key) => _values.TryGetValue(key, out string? v) ? v : string.Empty;

    public static FrontMatter? Parse(IReadOnlyList<string> lines, FileDiagnostics diag)
    {
        if (lines.Count == 0 || lines[0].Trim() != "---")
        {
            diag.Error(1, "missing YAML front matter ('---' on the first line)");
            return null;
        }

        var fm = new FrontMatter();
        for (int i = 1; i < lines.Count; i++)
        {
            string line = lines[i];
            if (line.Trim() == "---")
            {
                fm.BodyStart = i + 1;
                fm.Validate(diag);
                return fm;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            int colon = line.IndexOf(':');
            if (colon <= 0)
            {
                diag.Error(i + 1, $"front matter line is not 'key: value': '{line.Trim()}'");
                continue;
            }

            fm._values[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        diag.Error(1, "front matter is never closed with '---'");
        return null;
    }

    private void Validate(FileDiagnostics diag)
    {
        foreach (string key in new[] { ExternalHelpFileKey, ModuleNameKey, OnlineVersionKey, SchemaKey })
        {
            if (!_values.ContainsKey(key))
            {
                diag.Error(1, $"front matter lacks '{key}:'");
            }
        }

        string schema = Get(SchemaKey);
        if (_values.ContainsKey(SchemaKey) && schema != "2.0.0")
        {
            diag.Error(1, $"unsupported schema '{schema}' (expected 2.0.0)");
        }
    }
}
