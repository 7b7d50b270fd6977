namespace TlsServer.Engine.Applications;

/// <summary>What an application may do with its connection: send data and ask for a graceful close.</summary>
internal interface IConnectionChannel
{
    ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Sends close_notify once pending writes are out, then closes.</summary>
    void RequestClose(string reason);
}
