namespace TlsServer.Engine.Diagnostics;

/// <summary>
/// What a protocol subclass reports as BouncyCastle handles a connection, on the connection's thread. Kept apart from
/// the subclass so one TlsServerProtocol subclass can serve several concerns.
/// </summary>
internal interface IProtocolObserver
{
    /// <summary>A whole handshake message from the client, header included, after decryption.</summary>
    void HandshakeReceived(byte[] message);

    /// <summary>A plaintext record the server is about to protect and send.</summary>
    void RecordWritten(short contentType, ReadOnlySpan<byte> payload);

    void AlertReceived(short level, short description);

    void ChangeCipherSpecReceived();

    /// <summary>A TLS 1.3 KeyUpdate changed the client's (received) or the server's (sent) traffic secret.</summary>
    void TrafficSecretUpdated(bool server);
}
