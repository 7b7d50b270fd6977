using System.Management.Automation;
using System.Management.Automation.Runspaces;
using TlsServer.Engine;

namespace TlsServer.PowerShell.Loading;

/// <summary>
/// Remove-Module stops the servers that this runspace started; process exit stops them all, with close_notify.
/// </summary>
public sealed class ModuleLifetime : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static int _hooked;

    public void OnImport()
    {
        if (Interlocked.Exchange(ref _hooked, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => ServerRegistry.StopAll();
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo) =>
        ServerRegistry.StopAll(Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty);
}
