using System.Reflection;
using System.Runtime.Loader;

namespace TlsServer.PowerShell.Loader;

/// <summary>
/// Holds the engine and its BouncyCastle apart from the default context, so another module's BouncyCastle
/// (of any version) cannot collide with ours. Everything else resolves from the default context.
/// </summary>
internal sealed class EngineLoadContext : AssemblyLoadContext
{
    private readonly string _directory;

    private EngineLoadContext(string directory)
        : base("TlsServer.Engine")
    {
        _directory = directory;
    }

    public static EngineLoadContext Instance { get; } =
        new(Path.Combine(Path.GetDirectoryName(typeof(EngineLoadContext).Assembly.Location)!, "engine"));

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        string path = Path.Combine(_directory, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
