namespace TlsServer.Host;

/// <summary>Entry point: parse arguments, open the runspace, import the module, run, close.</summary>
internal static class Program
{
    private const int BadArgumentsExitCode = 64; // as pwsh

    private static int Main(string[] args)
    {
        var options = HostOptions.Parse(args, out string? error);
        if (options == null)
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine("Run with -Help for usage.");
            return BadArgumentsExitCode;
        }
        if (options.Help)
        {
            Console.Out.WriteLine(HostUsage.Text);
            return 0;
        }

        string? module = null;
        if (!options.NoModule)
        {
            module = ModuleLocator.ToFullPath(options.Module ?? ModuleLocator.FindDefault());
            if (module == null)
            {
                Console.Error.WriteLine(
                    "TlsServer.Host: the TlsServer module was not found: no out/TlsServer/TlsServer.psd1 above " +
                    $"{AppContext.BaseDirectory}. Build it (dotnet build src/TlsServer.PowerShell), or pass -Module <path>, " +
                    $"set {ModuleLocator.EnvironmentVariable}, or use -NoModule.");
                return 1;
            }
        }

        // Read stdin before anything else can.
        string? command = options.CommandFromStdin ? Console.In.ReadToEnd() : options.Command;

        var session = new HostSession();
        using var interrupts = new InterruptHandler(session);
        try
        {
            session.Open();
            if (StopExitCode(session, interrupts) is int stoppedEarly)
            {
                return stoppedEarly;
            }
            if (module != null && !session.ImportModule(module))
            {
                return StopExitCode(session, interrupts) ?? 1;
            }
            return Run(options, command, session, interrupts);
        }
        finally
        {
            session.Close();
        }
    }

    private static int Run(HostOptions options, string? command, HostSession session, InterruptHandler interrupts)
    {
        bool hasCommand = command != null || options.File != null;
        if (!hasCommand)
        {
            return InteractiveLoop.Run(session, interrupts);
        }
        if (StopExitCode(session, interrupts) is int stopped)
        {
            return stopped;
        }

        int exitCode;
        if (command != null)
        {
            exitCode = ExitCodes.AfterCommand(session, session.RunScript(command));
        }
        else
        {
            var args = ScriptArguments.Convert(options.FileArgs);
            var outcome = session.RunFile(Path.GetFullPath(options.File!), args, out bool hadErrors);
            exitCode = ExitCodes.AfterFile(session, outcome, hadErrors);
        }

        if (options.NoExit && !session.Host.ShouldExit && !session.Terminating)
        {
            return InteractiveLoop.Run(session, interrupts);
        }
        return exitCode;
    }

    /// <summary>143 after SIGTERM, 130 after Ctrl+C (e.g. during startup), else null.</summary>
    private static int? StopExitCode(HostSession session, InterruptHandler interrupts) =>
        session.Terminating ? InterruptHandler.TerminateExitCode
        : interrupts.Interrupted ? InterruptHandler.InterruptExitCode : null;
}
