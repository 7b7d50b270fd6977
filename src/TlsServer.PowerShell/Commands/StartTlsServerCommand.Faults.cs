using System.Management.Automation;
using TlsServer.Engine;

namespace TlsServer.PowerShell.Commands;

/// <summary>Start-TlsServer's faults: given with -Fault or piped from New-TlsFault, and applied to every connection.</summary>
public sealed partial class StartTlsServerCommand
{
    private readonly List<TlsFault> _faults = new();

    /// <summary>Faults made by New-TlsFault; the server starts once the pipeline has given them all.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public TlsFault[]? Fault { get; set; }

    protected override void ProcessRecord()
    {
        if (Fault is not null)
        {
            _faults.AddRange(Fault.Where(f => f is not null));
        }
    }
}
