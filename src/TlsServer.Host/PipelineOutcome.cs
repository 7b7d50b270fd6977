namespace TlsServer.Host;

/// <summary>How one pipeline run by the host ended.</summary>
internal enum PipelineOutcome
{
    /// <summary>Ran to the end; errors, if any, were non-terminating.</summary>
    Completed,

    /// <summary>A terminating or parse error ended it.</summary>
    Failed,

    /// <summary>Stopped by Ctrl+C or SIGTERM.</summary>
    Stopped,
}
