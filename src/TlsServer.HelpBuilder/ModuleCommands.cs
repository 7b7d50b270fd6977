using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace TlsServer.HelpBuilder;

// The built module imported in a hosted PowerShell, and the cmdlets it exports; they are read while it lives.
internal sealed class ModuleCommands : IDisposable
{
    private readonly PowerShell _powerShell;

    public ModuleCommands(string manifest)
    {
        InitialSessionState state = InitialSessionState.CreateDefault2();
        if (OperatingSystem.IsWindows())
        {
            // Only Windows has execution policies; a machine policy must not stop the build.
            state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
        }

        _powerShell = PowerShell.Create(state);
        _powerShell.AddCommand("Import-Module").AddParameter("Name", manifest).AddParameter("PassThru").AddParameter("ErrorAction", "Stop");
        PSModuleInfo module = _powerShell.Invoke<PSModuleInfo>().Single();
        Cmdlets = new Dictionary<string, CmdletInfo>(module.ExportedCmdlets, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyDictionary<string, CmdletInfo> Cmdlets { get; }

    public void Dispose() => _powerShell.Dispose();
}
