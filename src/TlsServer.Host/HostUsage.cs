namespace TlsServer.Host;

/// <summary>The -Help text.</summary>
internal static class HostUsage
{
    public const string Text = """
        Usage: TlsServer.Host [options] [-Command <text> | -Command - | -File <path> [args...]]

        A minimal PowerShell 7 host that imports the TlsServer module.

          -Command, -c <text>   Run <text> (all remaining arguments) as a script, then exit.
          -Command -            Read the script from standard input.
          -File, -f <path> ...  Run a script file; remaining arguments go to the script.
          -Module <path>        Module to import (default: $env:TLSSERVER_MODULE, else the
                                nearest out/TlsServer/TlsServer.psd1 above the host).
          -NoModule             Do not import the TlsServer module.
          -NoExit               Stay at the interactive prompt after -Command/-File.
          -Help, -?             Show this text.

        Without -Command/-File an interactive prompt reads one line at a time until
        'exit' or end of input. Ctrl+C stops the running command; a second Ctrl+C
        ends the process.

        Exit codes: 'exit N' gives N; a terminating or parse error gives 1, as does a
        failed last command; Ctrl+C gives 130, SIGTERM 143; bad arguments 64.
        """;
}
