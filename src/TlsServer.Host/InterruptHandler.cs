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

    public InterruptHandler(HostSession session)
    {
        _session = session;
        Console.CancelKeyPress += OnCancelKeyPress;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnTerminate));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnTerminate));
    }

    /// <summary>True while the interactive loop waits on Console.ReadLine (which a signal cannot interrupt).</summary>
    public volatile bool WaitingForInput;

    /// <summary>True once Ctrl+C was pressed and not yet consumed.</summary>
    public bool Interrupted { get; set; }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        foreach (var registration in _registrations) registration.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        Interrupted = true;
        if (_session.RequestStop(terminate: false) > 1)
        {
            Console.Error.WriteLine("Second Ctrl+C: ending the process without waiting for the pipeline.");
            _forcedExit = true;
            Environment.Exit(InterruptExitCode);
        }
    }

    private void OnTerminate(PosixSignalContext context)
    {
        bool stopping = _session.RequestStop(terminate: true) > 0;
        // Stopping a pipeline, or between pipelines: the main thread ends and closes the runspace.
        // Blocked in ReadLine: let the runtime exit; OnProcessExit closes the runspace.
        context.Cancel = stopping || !WaitingForInput;
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        // A busy runspace cannot be closed here: the pipeline may be the caller of Environment.Exit.
        if (_forcedExit || _session.IsBusy) return;
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
