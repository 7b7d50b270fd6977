namespace TlsServer.Host;

/// <summary>The "PS TlsServer> " prompt: one line, one pipeline, until 'exit' or end of input.</summary>
internal static class InteractiveLoop
{
    public const string Prompt = "PS TlsServer> ";

    /// <summary>Returns the exit code: the one given to 'exit', else 0 (143 after SIGTERM).</summary>
    public static int Run(HostSession session, InterruptHandler interrupts)
    {
        while (!session.Host.ShouldExit && !session.Terminating)
        {
            Console.Out.Write(Prompt);
            interrupts.WaitingForInput = true;
            string? line = Console.ReadLine();
            interrupts.WaitingForInput = false;
            if (line == null)
            {
                Console.Out.WriteLine();
                break;
            }
            if (line.Trim().Length == 0) continue;
            session.RunScript(line);
        }
        if (session.Host.ShouldExit) return session.Host.ExitCode;
        return session.Terminating ? InterruptHandler.TerminateExitCode : 0;
    }
}
