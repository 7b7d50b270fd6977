using System.Text.RegularExpressions;

namespace TlsServer.HelpBuilder;

// Reads the ```yaml block that PlatyPS writes under each "### -Parameter".
internal static partial class ParameterYaml
{
    private const string TypeKey = "Type";
    private const string SetsKey = "Parameter Sets";
    private const string AliasesKey = "Aliases";
    private const string AcceptedKey = "Accepted values";
    private const string RequiredKey = "Required";
    private const string PositionKey = "Position";
    private const string DefaultKey = "Default value";
    private const string PipelineKey = "Accept pipeline input";
    private const string WildcardKey = "Accept wildcard characters";

    private static readonly string[] AllKeys =
        { TypeKey, SetsKey, AliasesKey, AcceptedKey, RequiredKey, PositionKey, DefaultKey, PipelineKey, WildcardKey };

    private static readonly string[] MandatoryKeys =
        { TypeKey, SetsKey, RequiredKey, PositionKey, PipelineKey, WildcardKey };

    [GeneratedRegex(@"^(False|True \((ByValue|ByPropertyName)(, ?(ByValue|ByPropertyName))?\))$", RegexOptions.IgnoreCase)]
    private static partial Regex PipelineRegex();

    public static ParameterBlock? Parse(FenceBlock fence, FileDiagnostics diag)
    {
        var values = ReadPairs(fence, diag);
        if (values is null)
        {
            return null;
        }

        int before = diag.Count;
        foreach (string key in MandatoryKeys.Where(k => !values.ContainsKey(k)))
        {
            diag.Error(fence.Line, $"parameter yaml lacks '{key}:'");
        }

        if (diag.Count > before)
        {
            return null;
        }

        string type = values[TypeKey];
        if (type.Length == 0)
        {
            diag.Error(fence.Line, "parameter yaml has an empty 'Type:'");
        }

        string sets = values[SetsKey];
        string position = values[PositionKey];
        if (!position.Equals("Named", StringComparison.OrdinalIgnoreCase) && !int.TryParse(position, out _))
        {
            diag.Error(fence.Line, $"'Position: {position}' must be Named or a number");
        }

        string pipeline = values[PipelineKey];
        if (!PipelineRegex().IsMatch(pipeline))
        {
            diag.Error(fence.Line, $"'Accept pipeline input: {pipeline}' must be False or True (ByValue[, ByPropertyName])");
        }

        bool required = ReadBool(values, RequiredKey, fence.Line, diag);
        bool globbing = ReadBool(values, WildcardKey, fence.Line, diag);
        if (diag.Count > before)
        {
            return null;
        }

        string defaultValue = values.GetValueOrDefault(DefaultKey, string.Empty);
        return new ParameterBlock(
            type,
            sets.Equals("(All)", StringComparison.OrdinalIgnoreCase) ? Array.Empty<string>() : SplitList(sets),
            SplitList(values.GetValueOrDefault(AliasesKey, string.Empty)),
            SplitList(values.GetValueOrDefault(AcceptedKey, string.Empty)),
            required,
            int.TryParse(position, out int p) ? p.ToString(System.Globalization.CultureInfo.InvariantCulture) : "named",
            defaultValue.Length == 0 ? "None" : defaultValue,
            pipeline,
            globbing,
            fence.Line);
    }

    private static Dictionary<string, string>? ReadPairs(FenceBlock fence, FileDiagnostics diag)
    {
        List<YamlPair>? pairs = YamlPairs.Read(fence.Content, fence.Line + 1, "parameter yaml", diag);
        if (pairs is null)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        bool ok = true;
        foreach (YamlPair pair in pairs)
        {
            if (!AllKeys.Contains(pair.Key))
            {
                diag.Error(pair.Line, $"unknown parameter yaml key '{pair.Key}:' (keys: {string.Join(", ", AllKeys)})");
                ok = false;
                continue;
            }

            values[pair.Key] = pair.Value.Trim();
        }

        return ok ? values : null;
    }

    private static bool ReadBool(Dictionary<string, string> values, string key, int line, FileDiagnostics diag)
    {
        if (bool.TryParse(values[key], out bool b))
        {
            return b;
        }

        diag.Error(line, $"'{key}: {values[key]}' must be True or False");
        return false;
    }

    private static string[] SplitList(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
