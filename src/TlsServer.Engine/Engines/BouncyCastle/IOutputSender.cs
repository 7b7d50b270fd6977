namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>Where a connection's queued TLS bytes go: the socket, or a fault sender that delays, cuts or holds them back.</summary>
internal interface IOutputSender
{
    /// <summary>Sends the bytes in order; returns how many left through the socket.</summary>
    ValueTask<int> SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Everything queued so far has been given to <see cref="SendAsync"/>.</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken);
}
