using System.Management.Automation;
using TlsServer.Engine;
using TlsServer.PowerShell.Completion;

namespace TlsServer.PowerShell;

/// <summary>
/// The session cmdlets with one way of working (Stop-TlsSession, Invoke-TlsRenegotiation, Get-TlsMessage): sessions as
/// objects (-Session, from the pipeline by value), or as a server and session ids (-Server, -Id, from the pipeline by
/// property name). Cmdlets with sets of their own (Send-TlsData …) declare the same twins for each set.
/// </summary>
public abstract class SessionTargetCommand : PSCmdlet
{
    protected const string SessionSet = "Session";
    protected const string IdSet = "Id";

    [Parameter(ParameterSetName = SessionSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Session[]? Session { get; set; }

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerReference? Server { get; set; }

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public long[]? Id { get; set; }

    /// <summary>The sessions given, each with its live server; what cannot be found is a non-terminating error.</summary>
    private protected IEnumerable<SessionTarget> Targets() => SessionTargets.Resolve(this, Session, Server, Id);
}
