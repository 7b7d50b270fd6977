namespace TlsServer.Engine.Diagnostics;

/// <summary>Where an engine's connection gives the key log the secrets its handshake has made so far.</summary>
internal interface IKeyLogSource
{
    /// <summary>TLS 1.3 handshake traffic secrets, when the server sends EncryptedExtensions.</summary>
    void WriteHandshakeSecrets(KeyLog log);

    /// <summary>After a TLS 1.3 KeyUpdate: the client's (received) or the server's (sent) new traffic secret.</summary>
    void WriteUpdatedSecret(KeyLog log, bool server, int generation);
}
