namespace TlsServer.Host;

/// <summary>The process exit code after -Command or -File, following pwsh.</summary>
internal static class ExitCodes
{
    /// <summary>'exit N' gives N; a terminating or parse error 1; Ctrl+C 130, SIGTERM 143; else 0 if $? is true, 1 if not.</summary>
    public static int AfterCommand(HostSession session, PipelineOutcome outcome) =>
        Early(session, outcome) ?? (session.LastSucceeded() ? 0 : 1);

    /// <summary>
    /// As AfterCommand, but the engine catches a script file's 'exit N' itself: it sets $LASTEXITCODE
    /// and, when N is not 0, fails the pipeline. So a failed pipeline with a non-zero $LASTEXITCODE gives that code.
    /// </summary>
    public static int AfterFile(HostSession session, PipelineOutcome outcome, bool hadErrors)
    {
        if (Early(session, outcome) is int code) return code;
        if (hadErrors && session.LastExitCode() is int exit and not 0) return exit;
        return session.LastSucceeded() ? 0 : 1;
    }

    private static int? Early(HostSession session, PipelineOutcome outcome) => outcome switch
    {
        _ when session.Host.ShouldExit => session.Host.ExitCode,
        PipelineOutcome.Stopped => session.Terminating ? InterruptHandler.TerminateExitCode : InterruptHandler.InterruptExitCode,
        PipelineOutcome.Failed => 1,
        _ => null,
    };
}
