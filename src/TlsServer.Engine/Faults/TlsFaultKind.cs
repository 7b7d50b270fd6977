namespace TlsServer.Engine;

/// <summary>Every fault the server can apply; each name is also the New-TlsFault parameter that makes it.</summary>
public enum TlsFaultKind
{
    /// <summary>Any alert, warning or fatal, at a chosen point.</summary>
    SendAlert,

    /// <summary>The server closes without close_notify, and does not answer the client's.</summary>
    NoCloseNotify,

    /// <summary>A TCP reset at a chosen point.</summary>
    Reset,

    /// <summary>The server sends FIN at a chosen point and sends nothing more, but keeps reading.</summary>
    HalfClose,

    /// <summary>The server sends N more bytes from a chosen point, then FIN (or a reset).</summary>
    TruncateAfter,

    /// <summary>Every record of the chosen types split to N bytes.</summary>
    SplitRecords,

    /// <summary>The handshake messages of a flight packed into as few records as fit.</summary>
    PackHandshakeMessages,

    /// <summary>Empty records at a chosen point.</summary>
    EmptyRecords,

    /// <summary>An unexpected ChangeCipherSpec record at a chosen point.</summary>
    ChangeCipherSpec,

    /// <summary>A record of more than 2^14 plaintext bytes at a chosen point.</summary>
    OversizedRecord,

    /// <summary>A wrong version in every record header, from a chosen point on.</summary>
    RecordVersion,

    /// <summary>A well-formed but wrong ServerKeyExchange (TLS 1.2) or CertificateVerify (TLS 1.3) signature.</summary>
    CorruptSignature,

    /// <summary>A wrong verify_data in the server's Finished.</summary>
    CorruptFinished,

    /// <summary>An ALPN protocol the client did not offer.</summary>
    SendAlpn,

    /// <summary>An extension the client did not offer.</summary>
    UnsolicitedExtension,

    /// <summary>An extension sent twice in one message.</summary>
    DuplicateExtension,

    /// <summary>An extension TLS 1.3 does not allow in EncryptedExtensions, sent there.</summary>
    MisplacedExtension,

    /// <summary>A HelloRetryRequest the server did not need, or one for a group the client did not offer.</summary>
    HelloRetryRequest,

    /// <summary>The TLS 1.3 downgrade sentinel in a TLS 1.2 (or older) ServerHello random.</summary>
    DowngradeSentinel,

    /// <summary>The certificate chain reversed, with an extra certificate, without the intermediate, or empty.</summary>
    CertificateChain,

    /// <summary>A pause of N milliseconds before what follows a chosen point.</summary>
    Stall,

    /// <summary>Everything from a chosen point on sent a few bytes at a time.</summary>
    Dribble,

    /// <summary>No answer to the ClientHello at all: for testing a client's timeout.</summary>
    IgnoreClientHello,

    /// <summary>Many TLS 1.3 KeyUpdate messages in a row.</summary>
    KeyUpdateStorm,

    /// <summary>A malformed NewSessionTicket, or one with a ticket the server will never accept.</summary>
    NewSessionTicket,

    /// <summary>A HelloRequest at a moment the client does not expect one.</summary>
    HelloRequest,
}
