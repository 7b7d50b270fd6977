namespace TlsServer.Engine.Applications;

/// <summary>What the server does with decrypted data on one connection (one instance per connection).</summary>
internal interface IApplication
{
    /// <summary>Handles data the client sent. Called on the connection's receive loop, one call at a time.</summary>
    ValueTask OnDataAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);
}
