using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace TlsServer.Tests.Harness;

/// <summary>
/// A real PowerShell 7.6 runspace with the built module imported, as a user has it after Import-Module.
/// Dispose stops every server the session started.
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    private readonly Runspace _runspace;

    public PowerShellSession(bool importModule = true)
    {
        _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        _runspace.Open();
        if (importModule)
        {
            Run($"Import-Module '{Paths.ModuleManifest}' -ErrorAction Stop");
        }
    }

    /// <summary>Runs script; returns the output. Terminating errors throw; non-terminating ones are in <see cref="LastErrors"/>.</summary>
    public Collection<PSObject> Run(string script, IDictionary<string, object?>? variables = null)
    {
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = _runspace;
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
        {
            _runspace.SessionStateProxy.SetVariable(name, value);
        }

        ps.AddScript(script);
        var output = ps.Invoke();
        LastErrors = ps.Streams.Error.ToList();
        return output;
    }

    public List<ErrorRecord> LastErrors { get; private set; } = new();

    /// <summary>Runs script that must fail; returns the terminating or first non-terminating error.</summary>
    public ErrorRecord RunExpectingError(string script)
    {
        try
        {
            Run(script);
        }
        catch (RuntimeException e)
        {
            return e.ErrorRecord;
        }

        return LastErrors.FirstOrDefault() ?? throw new Xunit.Sdk.XunitException($"No error from: {script}");
    }

    public T Get<T>(string script) => (T)Run(script).Single().BaseObject;

    public object? Property(PSObject obj, string name) => obj.Properties[name]?.Value;

    public void Dispose()
    {
        try
        {
            // The module's OnRemove stops the servers this runspace started, and only those.
            Run("Remove-Module TlsServer -ErrorAction SilentlyContinue");
        }
        catch (RuntimeException)
        {
            // the module may not be imported
        }

        _runspace.Dispose();
    }
}
