namespace TlsServer.HelpBuilder;

// The YAML header between the leading "---" lines of a PlatyPS file.
internal sealed class FrontMatter
{
    public const string ExternalHelpFileKey = "external help file";
    public const string ModuleNameKey = "Module Name";
    public const string OnlineVersionKey = "online version";
    public const string SchemaKey = "schema";

    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public string Get(string key) => _values.TryGetValue(key, out string? v) ? v : string.Empty;

    public static FrontMatter? Parse(string? yaml, FileDiagnostics diag)
    {
        if (yaml is null)
        {
            diag.Error(1, "missing YAML front matter ('---' lines before and after it, at the top)");
            return null;
        }

        // The front matter starts on line 2, after the opening "---".
        List<YamlPair>? pairs = YamlPairs.Read(yaml, 2, "front matter", diag);
        if (pairs is null)
        {
            return null;
        }

        var fm = new FrontMatter();
        foreach (YamlPair pair in pairs)
        {
            fm._values[pair.Key] = pair.Value;
        }

        fm.Validate(diag);
        return fm;
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
