using Org.BouncyCastle.Tls;

namespace TlsServer.Engine.Engines.BouncyCastle.Faults;

/// <summary>
/// Follows the server's handshake messages through the records BouncyCastle writes (each record one fragment of one
/// message, the header in the first): which message a record starts, and whether it ends it.
/// </summary>
internal sealed class HandshakeMessageTracker
{
    /// <summary>RFC 8446 4.1.3: the random of a HelloRetryRequest.</summary>
    private static readonly byte[] HelloRetryRequestRandom = Convert.FromHexString("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    private int _remaining;
    private short _type;
    private TlsFaultPoint? _point;

    /// <param name="Type">The handshake message type (HandshakeType), or -1 for a record of another content type.</param>
    /// <param name="Point">The fault point the message is, if it is one.</param>
    public readonly record struct Step(short Type, TlsFaultPoint? Point, bool Starts, bool Ends);

    public Step OnRecord(short contentType, ReadOnlySpan<byte> payload)
    {
        if (contentType != ContentType.handshake)
        {
            return new Step(-1, contentType == ContentType.change_cipher_spec ? TlsFaultPoint.ChangeCipherSpec : null, true, true);
        }

        bool starts = _remaining == 0 && payload.Length >= 4;
        if (starts)
        {
            _type = payload[0];
            _point = PointOf(_type, payload);
            _remaining = 4 + ((payload[1] << 16) | (payload[2] << 8) | payload[3]);
        }

        _remaining = Math.Max(0, _remaining - payload.Length);
        return new Step(_type, _point, starts, _remaining == 0);
    }

    private static TlsFaultPoint? PointOf(short type, ReadOnlySpan<byte> first) => type switch
    {
        HandshakeType.server_hello => first.Length >= 38 && first.Slice(6, 32).SequenceEqual(HelloRetryRequestRandom)
            ? TlsFaultPoint.HelloRetryRequest : TlsFaultPoint.ServerHello,
        HandshakeType.encrypted_extensions => TlsFaultPoint.EncryptedExtensions,
        HandshakeType.certificate => TlsFaultPoint.Certificate,
        HandshakeType.certificate_status => TlsFaultPoint.CertificateStatus,
        HandshakeType.server_key_exchange => TlsFaultPoint.ServerKeyExchange,
        HandshakeType.certificate_request => TlsFaultPoint.CertificateRequest,
        HandshakeType.certificate_verify => TlsFaultPoint.CertificateVerify,
        HandshakeType.server_hello_done => TlsFaultPoint.ServerHelloDone,
        HandshakeType.new_session_ticket => TlsFaultPoint.NewSessionTicket,
        HandshakeType.finished => TlsFaultPoint.Finished,
        _ => null,
    };
}
