using System.Threading.Channels;

namespace TlsServer.Engine.Diagnostics;

/// <summary>
/// The server's trace text. Connections hand it blocks of text; one background task appends them to the trace
/// file, and the newest blocks are kept (bounded) for <c>Start-TlsServer -Wait</c> to show. Full queues drop, never block.
/// </summary>
internal sealed class TraceSink : IAsyncDisposable
{
    /// <summary>How many blocks may wait for the file; more are dropped and counted.</summary>
    public const int QueueLimit = 10_000;

    /// <summary>How many blocks wait for <c>Start-TlsServer -Wait</c> to show them; older ones are dropped first.</summary>
    public const int PendingLimit = 1000;

    private readonly Channel<string>? _file;
    private readonly Channel<string> _pending = Channel.CreateBounded<string>(new BoundedChannelOptions(PendingLimit)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
    });
    private readonly Task _writer = Task.CompletedTask;
    private long _dropped;

    public TraceSink(string? path)
    {
        if (path is not null)
        {
            var stream = Open(path);
            _file = Channel.CreateBounded<string>(new BoundedChannelOptions(QueueLimit) { SingleReader = true });
            _writer = Task.Run(() => WriteAsync(stream));
        }
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Write(string text)
    {
        if (_file is not null && !_file.Writer.TryWrite(text))
        {
            Interlocked.Increment(ref _dropped);
        }

        _pending.Writer.TryWrite(text);
    }

    /// <summary>Takes the text not yet shown, oldest first.</summary>
    public bool TryTake(out string text) => _pending.Reader.TryRead(out text!);

    public async ValueTask DisposeAsync()
    {
        _file?.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private static StreamWriter Open(string path)
    {
        try
        {
            return new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = false };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TlsServerException(ErrorIds.TraceFileNotWritable, ErrorKind.PermissionDenied,
                $"The trace file '{path}' cannot be opened for writing: {e.Message}", path, e);
        }
    }

    private async Task WriteAsync(StreamWriter stream)
    {
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var text in _file!.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                try
                {
                    await stream.WriteAsync(text).ConfigureAwait(false);
                    if (_file.Reader.Count == 0)
                    {
                        await stream.FlushAsync().ConfigureAwait(false);
                    }
                }
                catch (IOException)
                {
                    Interlocked.Increment(ref _dropped);
                }
            }
        }
    }
}
