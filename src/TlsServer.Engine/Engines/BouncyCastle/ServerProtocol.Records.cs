using Org.BouncyCastle.Tls;
using TlsServer.Engine.Engines.BouncyCastle.Crypto;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>
/// Record-layer rules BouncyCastle does not enforce, checked on each record before BouncyCastle reads it (plaintext) or
/// as it is decrypted (<see cref="IDecryptedRecordObserver"/>): what may come before the ClientHello, the TLS 1.2 record
/// version, TLS 1.3's plaintext and ChangeCipherSpec rules, handshake message framing (<see cref="HandshakeFraming"/>),
/// and skipping rejected 0-RTT data (RFC 8446 4.2.10).
/// </summary>
internal partial class ServerProtocol : IDecryptedRecordObserver
{
    /// <summary>
    /// Records in a row that carry nothing (empty handshake records, TLS 1.3's compatibility ChangeCipherSpec) the server
    /// drops before it gives up with unexpected_message, so no client can stall a handshake with them (OpenSSL's MAX_EMPTY_RECORDS).
    /// </summary>
    public const int EmptyRecordLimit = 32;

    /// <summary>Rejected early data skipped at most, in plaintext bytes (OpenSSL's default max_early_data).</summary>
    public const int EarlyDataSkipLimit = 16_384;

    /// <summary>A TLS 1.3 record's expansion: the AEAD tag and the inner content type (OpenSSL counts skipped data the same way).</summary>
    private const int Tls13RecordExpansion = 17;

    /// <summary>The words of the SSL 2.0-format ClientHello gap, as the session reports them.</summary>
    public const string Sslv2ClientHello = "An SSL 2.0-format ClientHello: this server reads TLS records only.";

    private readonly byte[] _header = new byte[5];
    private bool _firstRecordRead;
    private bool _readEncrypted12;
    private int _emptyRecords;
    private bool _earlyDataOffered;
    /// <summary>A record from the client has been decrypted (TLS 1.3: the client has its handshake keys).</summary>
    private bool _clientRecordDecrypted;
    private int _earlyDataSkipped;

    /// <summary>This connection's crypto: the server's, with record ciphers that report to this protocol.</summary>
    public DotNetTlsCrypto Crypto { get; }

    private bool IsTls13 => Context.ServerVersion is { } v && TlsUtilities.IsTlsV13(v);

    /// <summary>After the TLS 1.3 ServerHello: the client's records are encrypted from here on.</summary>
    private bool AfterServerHello13 => IsTls13 && m_connectionState is not (CS_START or CS_CLIENT_HELLO or CS_SERVER_HELLO_RETRY_REQUEST or CS_CLIENT_HELLO_RETRY);

    public void OnDecrypted(short contentType, ReadOnlySpan<byte> plaintext)
    {
        _clientRecordDecrypted = true;
        if (IsTls13 && plaintext.IsEmpty && contentType is ContentType.handshake or ContentType.alert)
        {
            // RFC 8446 5.1 and 5.4: zero-length handshake and alert fragments are not allowed.
            throw new TlsFatalAlert(AlertDescription.unexpected_message, $"An empty {ContentType.GetText(contentType)} record.");
        }

        if (IsTls13 && contentType == ContentType.alert && plaintext.Length != 2)
        {
            // RFC 8446 5.1: an alert record holds exactly one alert.
            throw new TlsFatalAlert(AlertDescription.unexpected_message, $"A TLS 1.3 alert record of {plaintext.Length} bytes.");
        }

        Framing.OnRecord(contentType, plaintext);
    }

    /// <summary>BouncyCastle looks at a header alone when its record is not all there yet.</summary>
    protected override RecordPreview SafePreviewRecordHeader(byte[] recordHeader)
    {
        try
        {
            CheckFirstRecord(recordHeader);
        }
        catch (TlsFatalAlert e)
        {
            HandleException(e.AlertDescription, "Failed to read record", e);
            throw;
        }

        return base.SafePreviewRecordHeader(recordHeader);
    }

    /// <summary>BouncyCastle takes this path when the input holds exactly one whole record.</summary>
    protected override bool SafeReadFullRecord(byte[] input, int inputOff, int inputLen)
    {
        if (inputLen >= _header.Length && inputLen == _header.Length + Length(input.AsSpan(inputOff)))
        {
            var record = input.AsSpan(inputOff, inputLen);
            if (!Admit(record[..5], record[5..]))
            {
                return true;
            }
        }

        return base.SafeReadFullRecord(input, inputOff, inputLen);
    }

    /// <summary>The next record is whole in the input buffers (OfferInput checked its header first).</summary>
    protected override void SafeReadRecord()
    {
        m_inputBuffers.Peek(_header);
        int length = Length(_header);
        byte[]? record = null;
        if (NeedsPayload(_header[0], length))
        {
            record = new byte[_header.Length + length];
            m_inputBuffers.Peek(record);
        }

        if (!Admit(_header, record is null ? ReadOnlySpan<byte>.Empty : record.AsSpan(_header.Length)))
        {
            m_inputBuffers.Skip(_header.Length + length);
            return;
        }

        base.SafeReadRecord();
    }

    protected override void HandleChangeCipherSpecMessage()
    {
        _readEncrypted12 = true;
        Observe(o => o.ChangeCipherSpecReceived());
        base.HandleChangeCipherSpecMessage();
    }

    private static int Length(ReadOnlySpan<byte> header) => (header[3] << 8) | header[4];

    /// <summary>The plaintext handshake records (for the framing) and, while 0-RTT data is being skipped, the encrypted ones.</summary>
    private bool NeedsPayload(short type, int length) =>
        length > 0 && (IsPlaintext(type) || (type == ContentType.application_data && SkippingEarlyData));

    private bool IsPlaintext(short type) => type != ContentType.application_data && !_readEncrypted12;

    private bool SkippingEarlyData => _earlyDataOffered && !_clientRecordDecrypted;

    /// <returns>False to drop the record unread.</returns>
    private bool Admit(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload)
    {
        try
        {
            CheckFirstRecord(header);
            return Check(header[0], (header[1] << 8) | header[2], Length(header), payload);
        }
        catch (TlsFatalAlert e)
        {
            HandleException(e.AlertDescription, "Failed to read record", e);
            throw;
        }
    }

    /// <summary>
    /// A first record whose version is not 3.x is not TLS at all (an HTTP request, say): no alert, as OpenSSL does. An SSL
    /// 2.0-format ClientHello (RFC 5246 E.2) is a documented gap: BouncyCastle reads TLS records only, and the handshake
    /// hash of such a hello covers its SSL 2.0 bytes, so it cannot be translated. It gets handshake_failure.
    /// </summary>
    private void CheckFirstRecord(ReadOnlySpan<byte> header)
    {
        if (_firstRecordRead)
        {
            return;
        }

        if ((header[0] & 0x80) != 0 && header[2] == HandshakeType.client_hello)
        {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, Sslv2ClientHello);
        }

        if (header[1] != 3)
        {
            HandleFailure();
            throw new NotTlsException((header[1] << 8) | header[2]);
        }
    }

    private bool Check(short type, int version, int length, ReadOnlySpan<byte> payload)
    {
        _firstRecordRead = true;

        if (m_connectionState == CS_START && type != ContentType.handshake)
        {
            throw new TlsFatalAlert(AlertDescription.unexpected_message, $"A {ContentType.GetText(type)} record came before the ClientHello.");
        }

        if (Context.ServerVersion is { } negotiated && !TlsUtilities.IsTlsV13(negotiated) && version != negotiated.FullVersion)
        {
            // RFC 5246 6.2.1: the record carries the version in use; OpenSSL holds clients to it once it is chosen.
            throw new TlsFatalAlert(AlertDescription.protocol_version, $"A record of version 0x{version:x4} after {negotiated} was chosen.");
        }

        if (type == ContentType.application_data && SkippingEarlyData)
        {
            return !SkipEarlyData(version, payload);
        }

        if (AfterServerHello13 && type == ContentType.alert && payload.Length == 2 && !_clientRecordDecrypted)
        {
            // A client that cannot use the ServerHello has no keys to encrypt its alert with: OpenSSL reads plaintext
            // alerts until the client's first encrypted record, and so does this server.
            HandleAlertMessage(payload[0], payload[1]);
            return false;
        }

        if (AfterServerHello13 && type is not (ContentType.application_data or ContentType.change_cipher_spec))
        {
            throw new TlsFatalAlert(AlertDescription.unexpected_message, $"A plaintext {ContentType.GetText(type)} record after the TLS 1.3 ServerHello.");
        }

        bool empty = length == 0 && type == ContentType.handshake && IsPlaintext(type);
        if (empty || (type == ContentType.change_cipher_spec && IsTls13))
        {
            // RFC 8446 5: TLS 1.3 drops ChangeCipherSpec records (BouncyCastle does); empty handshake records are skipped.
            if (++_emptyRecords > EmptyRecordLimit)
            {
                throw new TlsFatalAlert(AlertDescription.unexpected_message, $"More than {EmptyRecordLimit} records in a row that carry nothing.");
            }

            if (empty)
            {
                return false;
            }
        }
        else
        {
            _emptyRecords = 0;
        }

        if (IsPlaintext(type))
        {
            Framing.OnRecord(type, payload);
        }

        return true;
    }

    /// <summary>
    /// RFC 8446 4.2.10: the server accepts no 0-RTT data, so it skips records it cannot decrypt (after a HelloRetryRequest,
    /// every encrypted record) until the client's handshake begins, up to <see cref="EarlyDataSkipLimit"/>.
    /// </summary>
    /// <returns>True when the record is early data, to be dropped.</returns>
    private bool SkipEarlyData(int version, ReadOnlySpan<byte> payload)
    {
        if (m_connectionState != CS_SERVER_HELLO_RETRY_REQUEST && AfterServerHello13
            && Crypto.Ciphers.Count > 0 && Crypto.Ciphers[0].CanDecrypt(0, ContentType.application_data, ProtocolVersion.Get(version >> 8, version & 0xff), payload))
        {
            _clientRecordDecrypted = true;
            return false;
        }

        _earlyDataSkipped += Math.Max(0, payload.Length - Tls13RecordExpansion);
        if (_earlyDataSkipped > EarlyDataSkipLimit)
        {
            throw new TlsFatalAlert(AlertDescription.unexpected_message, $"More than {EarlyDataSkipLimit} bytes of early data the server does not accept.");
        }

        return true;
    }
}
