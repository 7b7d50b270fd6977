namespace TlsServer.Engine.Diagnostics;

/// <summary>A server's frozen diagnostic settings and the outputs its connections share: trace text and key log.</summary>
internal sealed class ServerDiagnostics : IAsyncDisposable
{
    private ServerDiagnostics(Config.DiagnosticConfig options, TraceSink? trace, KeyLog? keyLog)
    {
        Messages = options.Messages;
        MessageLimit = options.MessageLimit ?? ServerLimits.MessageLimit.Default;
        TlsExtDebug = options.TlsExtDebug;
        Trace = trace;
        KeyLog = keyLog;
        TraceMessages = trace is not null && options.Messages;
        TraceState = trace is not null && options.State;
        HexDump = trace is not null && options.HexDump;
        Brief = trace is not null && options.Brief;
        TraceExtensions = trace is not null && options.TlsExtDebug;
    }

    public bool Messages { get; }
    public int MessageLimit { get; }
    public bool TlsExtDebug { get; }
    public bool TraceMessages { get; }
    public bool TraceState { get; }
    public bool HexDump { get; }
    public bool Brief { get; }
    public bool TraceExtensions { get; }
    public TraceSink? Trace { get; }
    public KeyLog? KeyLog { get; }

    /// <summary>Opens the trace file and key log; throws TlsServerException when one cannot be written.</summary>
    public static ServerDiagnostics Open(Config.DiagnosticConfig options)
    {
        bool text = !options.Quiet && (options.Messages || options.State || options.HexDump || options.Brief || options.TlsExtDebug);
        var trace = text || (options.TraceFile is not null && !options.Quiet) ? new TraceSink(options.TraceFile) : null;
        try
        {
            return new ServerDiagnostics(options, trace, KeyLog.Open(options.KeyLogPath));
        }
        catch
        {
            trace?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        KeyLog?.Dispose();
        if (Trace is not null)
        {
            await Trace.DisposeAsync().ConfigureAwait(false);
        }
    }
}
