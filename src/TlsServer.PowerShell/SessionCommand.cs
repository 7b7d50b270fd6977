using System.Management.Automation;
using TlsServer.Engine;

namespace TlsServer.PowerShell;

/// <summary>What the connected-command cmdlets share: how a session is named, and engine failures as errors.</summary>
internal static class SessionCommand
{
    /// <summary>The ShouldProcess target: "session 3 of TlsServer1 (127.0.0.1:50000, Tls13)".</summary>
    public static string Target(Session session) =>
        $"session {session.Id} of {session.Server.Name} ({session.RemoteEndPoint}, {session.Protocol?.ToString() ?? "handshaking"})";

    /// <summary>Runs a command on one session; a failure becomes a non-terminating error, so the pipeline goes on.</summary>
    public static bool TryRun<T>(Cmdlet cmdlet, Func<T> command, out T result)
    {
        try
        {
            result = command();
            return true;
        }
        catch (TlsServerException e)
        {
            cmdlet.WriteError(ErrorRecords.From(e));
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: StopProcessing cancelled the wait
        }

        result = default!;
        return false;
    }
}
