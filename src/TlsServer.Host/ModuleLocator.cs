namespace TlsServer.Host;

/// <summary>Finds the TlsServer module manifest to import by default.</summary>
internal static class ModuleLocator
{
    public const string EnvironmentVariable = "TLSSERVER_MODULE";
    private static readonly string RelativeManifest = Path.Combine("out", "TlsServer", "TlsServer.psd1");

    /// <summary>$env:TLSSERVER_MODULE, else the first out/TlsServer/TlsServer.psd1 walking up from the host.</summary>
    public static string? FindDefault()
    {
        string? fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, RelativeManifest);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>An existing file or folder as a full path (Import-Module reads "a/b.psd1" as a name); anything else as is.</summary>
    public static string? ToFullPath(string? module) =>
        module != null && (File.Exists(module) || Directory.Exists(module)) ? Path.GetFullPath(module) : module;
}
