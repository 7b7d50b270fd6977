using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace TlsServer.Host;

/// <summary>The runspace, the pipeline running in it, and stopping and closing it from other threads.</summary>
internal sealed class HostSession
{
    private readonly object _lock = new();
    private Runspace? _runspace;
    private PowerShell? _current;
    private int _stopRequests;
    private bool _closed;
    private string? _moduleName;

    public ConsolePSHost Host { get; } = new();

    /// <summary>Set by SIGTERM: run nothing more, close and exit.</summary>
    public bool Terminating { get; private set; }

    private Runspace OpenRunspace => _runspace ?? throw new InvalidOperationException("The runspace is not open.");

    /// <summary>True while a pipeline started by Run is running.</summary>
    public bool IsBusy
    {
        get { lock (_lock) return _current != null; }
    }

    /// <summary>Opens the runspace with the default session state (Microsoft.PowerShell.Core only in this package).</summary>
    public void Open()
    {
        var runspace = RunspaceFactory.CreateRunspace(Host, InitialSessionState.CreateDefault2());
        runspace.Open();
        // NormalView shows the FullyQualifiedErrorId line under each error.
        runspace.SessionStateProxy.SetVariable("ErrorView", "NormalView");
        lock (_lock) _runspace = runspace;
    }

    /// <summary>Imports a module by path as an ordinary command; false if that reported any error.</summary>
    public bool ImportModule(string path)
    {
        var outcome = Run(ps => ps.AddCommand("Import-Module").AddParameter("Name", path), out bool hadErrors);
        if (outcome == PipelineOutcome.Completed && !hadErrors)
        {
            _moduleName = Path.GetFileNameWithoutExtension(path.TrimEnd('/', '\\'));
            return true;
        }
        return false;
    }

    /// <summary>Runs script text at global scope, as a history entry (which also makes it set $?).</summary>
    public PipelineOutcome RunScript(string script) =>
        Run(ps => ps.AddScript(script, useLocalScope: false), out _, addToHistory: true);

    /// <summary>Runs a script file with pwsh-style arguments; hadErrors includes a non-zero 'exit N'.</summary>
    public PipelineOutcome RunFile(string path, IEnumerable<CommandParameter> args, out bool hadErrors) =>
        Run(ps =>
        {
            var command = new Command(path, isScript: false, useLocalScope: false);
            foreach (var arg in args) command.Parameters.Add(arg);
            ps.Commands.AddCommand(command);
        }, out hadErrors, addToHistory: true);

    /// <summary>Runs a pipeline, rendering output and errors through Out-Default like pwsh.
    /// Only pipelines added to history update $? (the engine restores it after the others).</summary>
    private PipelineOutcome Run(Action<PowerShell> build, out bool hadErrors, bool addToHistory = false)
    {
        hadErrors = false;
        using var ps = PowerShell.Create();
        ps.Runspace = OpenRunspace;
        build(ps);
        ps.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
        ps.AddCommand("Out-Default");
        lock (_lock)
        {
            if (Terminating || _closed) return PipelineOutcome.Stopped;
            _current = ps;
            _stopRequests = 0;
        }
        try
        {
            ps.Invoke(null, new PSInvocationSettings { AddToHistory = addToHistory });
            hadErrors = ps.HadErrors;
            return ps.InvocationStateInfo.State == PSInvocationState.Stopped ? PipelineOutcome.Stopped : PipelineOutcome.Completed;
        }
        catch (PipelineStoppedException)
        {
            return PipelineOutcome.Stopped;
        }
        catch (RuntimeException ex)
        {
            ErrorWriter.Write(Host.UI, ex);
            return PipelineOutcome.Failed;
        }
        finally
        {
            lock (_lock) _current = null;
            foreach (var record in ps.Streams.Error) ErrorWriter.Write(Host.UI, record);
        }
    }

    /// <summary>$global:? after the last pipeline, as pwsh reads it for its exit code.</summary>
    public bool LastSucceeded() => Query("$global:?") is true;

    /// <summary>$global:LASTEXITCODE, if it holds an int.</summary>
    public int? LastExitCode() => Query("$global:LASTEXITCODE") as int?;

    /// <summary>Asks the running pipeline to stop; returns how many stops this pipeline has had (0: none running).</summary>
    public int RequestStop(bool terminate)
    {
        lock (_lock)
        {
            Terminating |= terminate;
            if (_current == null) return 0;
            if (++_stopRequests == 1) _current.BeginStop(null, null);
            return _stopRequests;
        }
    }

    /// <summary>Removes the imported module (so its OnRemove runs) and closes the runspace; runs once.</summary>
    public void Close()
    {
        Runspace? runspace;
        lock (_lock)
        {
            if (_closed) return;
            _closed = true;
            runspace = _runspace;
        }
        if (runspace == null) return;
        try
        {
            if (_moduleName != null) RemoveModule(_moduleName);
        }
        finally
        {
            runspace.Close();
            runspace.Dispose();
        }
    }

    private void RemoveModule(string name)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = OpenRunspace;
        ps.AddCommand("Remove-Module").AddParameter("Name", name).AddParameter("Force")
          .AddParameter("ErrorAction", ActionPreference.Ignore);
        try
        {
            ps.Invoke();
        }
        catch (RuntimeException ex)
        {
            ErrorWriter.Write(Host.UI, ex);
        }
    }

    private object? Query(string script)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = OpenRunspace;
        var result = ps.AddScript(script).Invoke();
        return result.Count > 0 ? result[0]?.BaseObject : null;
    }
}
