using System.Management.Automation;
using TlsServer.Engine;
using TlsServer.PowerShell.Completion;
using SessionState = TlsServer.Engine.SessionState;

namespace TlsServer.PowerShell.Commands;

/// <summary>Waits, without polling in script, until a server has the sessions a test expects.</summary>
[Cmdlet(VerbsLifecycle.Wait, "TlsSession")]
[OutputType(typeof(Session))]
public sealed class WaitTlsSessionCommand : PSCmdlet
{
    private readonly CancellationTokenSource _stop = new();

    /// <summary>One server: an object, a name or an id.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerReference? Server { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Count { get; set; } = 1;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public SessionState[]? State { get; set; }

    [Parameter]
    [ValidateRange(0, 86400)]
    public int TimeoutSec { get; set; } = 30;

    protected override void ProcessRecord()
    {
        var server = ServerSelection.Single(this, Server!);
        var sessions = server.WaitForSessions(SessionMatch.For(State), Count, TimeSpan.FromSeconds(TimeoutSec), _stop.Token);
        WriteObject(sessions, enumerateCollection: true);
        if (sessions.Count < Count && !_stop.IsCancellationRequested)
        {
            WriteError(ErrorRecords.Create(ErrorIds.WaitTimedOut, ErrorCategory.OperationTimeout,
                $"Only {sessions.Count} of {Count} session(s){(State is null ? string.Empty : $" in state {string.Join(" or ", State)}")} on '{server.Name}' within {TimeoutSec} s.",
                server));
        }
    }

    protected override void StopProcessing() => _stop.Cancel();
}
