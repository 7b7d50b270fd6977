using System.Runtime.InteropServices;

namespace TlsServer.Host;

/// <summary>Ctrl+C stops the running pipeline (twice ends the process); SIGTERM/SIGHUP stop it and close the runspace.</summary>
internal sealed class InterruptHandler : IDisposable
{
    public const int InterruptExitCode = 130; // 128 + SIGINT
    public const int TerminateExitCode = 143; // 128 + SIGTERM

    private readonly HostSession _session;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private volatile bool _forcedExit;
    private volatile bool _waitingForInput;
    private volatile bool _interrupted;

    public InterruptHandler(HostSession session)
    {
        _session = session;
        Console.CancelKeyPress += OnCancelKeyPress;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnTerminate));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnTerminate));
    }

    /// <summary>True while the interactive loop waits on Console.ReadLine (which a signal cannot interrupt).</summary>
    public bool WaitingForInput
    {
        get => _waitingForInput;
        set => _waitingForInput = value;
    }

    /// <summary>True once Ctrl+C was pressed.</summary>
    public bool Interrupted => _interrupted;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        foreach (var registration in _registrations) registration.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        _interrupted = true;
        if (_session.RequestStop(terminate: false) > 1) ForceExit("Ctrl+C", InterruptExitCode);
    }

    private void OnTerminate(PosixSignalContext context)
    {
        context.Cancel = true;
        int stops = _session.RequestStop(terminate: true);
        if (stops > 1) ForceExit(context.Signal.ToString(), TerminateExitCode);
        if (stops > 0 || !WaitingForInput)
        {
            return; // the main thread finishes the pipeline, closes the runspace and exits with 143
        }
        // Blocked in Console.ReadLine, which a signal cannot interrupt: close here and exit.
        CloseSession();
        Environment.Exit(TerminateExitCode);
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        // A busy runspace cannot be closed here: the pipeline may be the caller of Environment.Exit.
        if (!_forcedExit && !_session.IsBusy) CloseSession();
    }

    /// <summary>A second signal while the pipeline is still stopping: exit without waiting for it.</summary>
    private void ForceExit(string signal, int exitCode)
    {
        Console.Error.WriteLine($"Second {signal}: ending the process without waiting for the pipeline to stop.");
        _forcedExit = true;
        Environment.Exit(exitCode);
    }

    private void CloseSession()
    {
        try
        {
            _session.Close();
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"Closing the runspace failed: {ex.Message}");
        }
    }
}
