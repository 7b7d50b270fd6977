namespace TlsServer.Engine;

/// <summary>The connected commands a session can receive (s_server's q, r, k, K, P and more).</summary>
public enum SessionActionKind
{
    Close,
    Abort,
    KeyUpdate,
    HelloRequest,
    Plaintext,
    Alert,
    ClientCertificateRequest,
}
