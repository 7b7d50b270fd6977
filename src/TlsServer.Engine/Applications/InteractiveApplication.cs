namespace TlsServer.Engine.Applications;

/// <summary>s_server's default mode: keep what the client sends for a reader; send nothing of our own.</summary>
internal sealed class InteractiveApplication : IApplication
{
    public InteractiveApplication(ReceiveBuffer received) => Received = received;

    public ReceiveBuffer Received { get; }

    public ValueTask OnDataAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        Received.WriteAsync(data, cancellationToken);
}
