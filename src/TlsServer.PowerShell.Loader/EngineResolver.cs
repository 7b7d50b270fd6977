using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace TlsServer.PowerShell.Loader;

/// <summary>
/// Sends the default context's requests for TlsServer.Engine to <see cref="EngineLoadContext"/>.
/// PowerShell calls OnImport when this nested module is imported, before the cmdlet assembly.
/// </summary>
public sealed class EngineResolver : IModuleAssemblyInitializer
{
    private const string EngineAssemblyName = "TlsServer.Engine";
    private static int _registered;

    public void OnImport()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            AssemblyLoadContext.Default.Resolving += Resolve;
        }
    }

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name) =>
        name.Name == EngineAssemblyName ? EngineLoadContext.Instance.LoadFromAssemblyName(name) : null;
}
