namespace TlsServer.Host;

/// <summary>Command-line options of the host, parsed PowerShell-style (case-insensitive).</summary>
internal sealed class HostOptions
{
    public string? Command { get; private set; }
    public bool CommandFromStdin { get; private set; }
    public string? File { get; private set; }
    public IReadOnlyList<string> FileArgs { get; private set; } = [];
    public bool NoModule { get; private set; }
    public string? Module { get; private set; }
    public bool NoExit { get; private set; }
    public bool Help { get; private set; }

    /// <summary>Parses args; returns null and sets error when they are invalid.</summary>
    public static HostOptions? Parse(string[] args, out string? error)
    {
        var o = new HostOptions();
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..]
                : arg.StartsWith('-') || arg == "/?" ? arg[1..] : "";
            switch (name.ToLowerInvariant())
            {
                case "command" or "c":
                    if (i + 1 >= args.Length) { error = $"Missing value for {arg}."; return null; }
                    if (args[i + 1] == "-" && i + 2 == args.Length) o.CommandFromStdin = true;
                    else o.Command = string.Join(' ', args[(i + 1)..]);
                    return o;
                case "file" or "f":
                    if (i + 1 >= args.Length) { error = $"Missing value for {arg}."; return null; }
                    o.File = args[i + 1];
                    o.FileArgs = args[(i + 2)..];
                    return o;
                case "module":
                    if (i + 1 >= args.Length) { error = $"Missing value for {arg}."; return null; }
                    o.Module = args[++i];
                    break;
                case "nomodule":
                    o.NoModule = true;
                    break;
                case "noexit":
                    o.NoExit = true;
                    break;
                case "help" or "h" or "?":
                    o.Help = true;
                    break;
                case "" when !arg.StartsWith('-'):
                    // Like pwsh: a bare first argument is a script file.
                    o.File = arg;
                    o.FileArgs = args[(i + 1)..];
                    return o;
                default:
                    error = $"Unknown argument '{arg}'.";
                    return null;
            }
        }
        return o;
    }
}
