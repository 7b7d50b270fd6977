namespace TlsServer.Engine.Engines.BouncyCastle.Crypto;

/// <summary>Told each record's plaintext and real content type as soon as it is decrypted, before BouncyCastle processes it.</summary>
internal interface IDecryptedRecordObserver
{
    /// <exception cref="Org.BouncyCastle.Tls.TlsFatalAlert">To refuse the record; BouncyCastle then sends the alert.</exception>
    void OnDecrypted(short contentType, ReadOnlySpan<byte> plaintext);
}
