namespace TlsBench;

/// <summary>--name value pairs and --switches.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public static Options Parse(IEnumerable<string> args)
    {
        var options = new Options();
        string? pending = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (pending is not null)
                {
                    options._values[pending] = null;
                }

                pending = arg[2..];
            }
            else if (pending is not null)
            {
                options._values[pending] = arg;
                pending = null;
            }
            else
            {
                throw new ArgumentException($"unexpected argument {arg}");
            }
        }

        if (pending is not null)
        {
            options._values[pending] = null;
        }

        return options;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string Text(string name, string? fallback = null) =>
        _values.TryGetValue(name, out var v) && v is not null ? v
            : fallback ?? throw new ArgumentException($"--{name} is required");

    public long Number(string name, long? fallback = null) =>
        _values.TryGetValue(name, out var v) && v is not null ? long.Parse(v, System.Globalization.CultureInfo.InvariantCulture)
            : fallback ?? throw new ArgumentException($"--{name} is required");
}
