namespace TlsServer.Engine;

/// <summary>
/// Where in a connection a fault acts, named after TLS's messages: the server's own message, unless it says otherwise.
/// ClientHello, HandshakeComplete and ApplicationData take After only.
/// </summary>
public enum TlsFaultPoint
{
    /// <summary>The client's (first) ClientHello has arrived: after it is before the server's first message.</summary>
    ClientHello,

    /// <summary>TLS 1.3.</summary>
    HelloRetryRequest,

    /// <summary>The ServerHello that agrees on keys (after a HelloRetryRequest, the second).</summary>
    ServerHello,

    /// <summary>TLS 1.3.</summary>
    EncryptedExtensions,

    Certificate,

    /// <summary>TLS 1.2 and older, when the client asked for OCSP stapling.</summary>
    CertificateStatus,

    /// <summary>TLS 1.2 and older.</summary>
    ServerKeyExchange,

    /// <summary>Sent when the server asks for a client certificate.</summary>
    CertificateRequest,

    /// <summary>TLS 1.3.</summary>
    CertificateVerify,

    /// <summary>TLS 1.2 and older.</summary>
    ServerHelloDone,

    /// <summary>The TLS 1.2 ticket the server sends in the handshake.</summary>
    NewSessionTicket,

    /// <summary>The server's ChangeCipherSpec record (TLS 1.2; in TLS 1.3 the middlebox-compatibility one).</summary>
    ChangeCipherSpec,

    /// <summary>The server's Finished.</summary>
    Finished,

    /// <summary>The client's Finished has been accepted.</summary>
    HandshakeComplete,

    /// <summary>The client's first application data has arrived, before the server answers it.</summary>
    ApplicationData,
}
