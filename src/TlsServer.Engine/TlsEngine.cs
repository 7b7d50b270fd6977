namespace TlsServer.Engine;

/// <summary>Which TLS stack a server runs on (Start-TlsServer -Engine).</summary>
public enum TlsEngine
{
    /// <summary>BouncyCastle's managed TLS: every option, message traces, KeyUpdate; no renegotiation.</summary>
    BouncyCastle,

    /// <summary>The operating system's TLS through .NET's SslStream (OpenSSL on Linux): real renegotiation and post-handshake auth.</summary>
    System,
}
