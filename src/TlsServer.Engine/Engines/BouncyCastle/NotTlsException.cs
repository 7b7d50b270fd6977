namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>The client's first record is not TLS (an HTTP request, say): the connection ends without an alert, as OpenSSL ends it.</summary>
internal sealed class NotTlsException : IOException
{
    public NotTlsException(int recordVersion)
        : base($"the client's first bytes are not TLS (record version 0x{recordVersion:x4})")
    {
    }
}
