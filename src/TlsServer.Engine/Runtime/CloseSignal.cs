namespace TlsServer.Engine.Runtime;

/// <summary>
/// A connection's request to close: the first reason given wins, and the token ends its loop. Linked to the server's
/// stop. Requests after the connection has finished are ignored.
/// </summary>
internal sealed class CloseSignal : IDisposable
{
    private readonly CancellationTokenSource _source;

    public CloseSignal(CancellationToken stopping) => _source = CancellationTokenSource.CreateLinkedTokenSource(stopping);

    /// <summary>Why the connection is closing, once a reason was given; null for a server stop or none yet.</summary>
    public string? Reason { get; private set; }

    public CancellationToken Token => _source.Token;

    public bool IsCancellationRequested => _source.IsCancellationRequested;

    /// <summary>Records a reason without ending the loop yet.</summary>
    public void Explain(string reason) => Reason ??= reason;

    public void Request(string reason)
    {
        Explain(reason);
        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the connection has finished
        }
    }

    public void Dispose() => _source.Dispose();
}
