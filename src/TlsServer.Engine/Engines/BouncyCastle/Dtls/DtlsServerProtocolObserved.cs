using Org.BouncyCastle.Tls;
using TlsServer.Engine.Diagnostics;

namespace TlsServer.Engine.Engines.BouncyCastle.Dtls;

/// <summary>
/// BouncyCastle's DtlsServerProtocol, reporting to an <see cref="IProtocolObserver"/> what it lets a subclass see: the
/// client's ClientHello, Certificate, CertificateVerify and ClientKeyExchange. The server's own flights are built
/// inside BouncyCastle (internal members), so DTLS has no sent messages to observe. A failing observer never breaks
/// the handshake.
/// </summary>
internal sealed class DtlsServerProtocolObserved : DtlsServerProtocol
{
    private readonly IProtocolObserver _observer;
    private byte[]? _verifiedHello;

    /// <param name="verifiedHello">With -Listen, the body of the ClientHello DtlsVerifier checked: BouncyCastle hands
    /// the handshake only its parsed form.</param>
    public DtlsServerProtocolObserved(IProtocolObserver observer, byte[]? verifiedHello)
    {
        _observer = observer;
        _verifiedHello = verifiedHello;
    }

    protected override void ProcessClientHello(ServerHandshakeState state, byte[] body)
    {
        Observe(HandshakeType.client_hello, DtlsClientHello.WithoutCookie(body));
        base.ProcessClientHello(state, body);
    }

    protected override void ProcessClientHello(ServerHandshakeState state, ClientHello clientHello)
    {
        if (_verifiedHello is { } body)
        {
            _verifiedHello = null;
            Observe(HandshakeType.client_hello, DtlsClientHello.WithoutCookie(body));
        }

        base.ProcessClientHello(state, clientHello);
    }

    protected override void ProcessClientCertificate(ServerHandshakeState state, byte[] body)
    {
        Observe(HandshakeType.certificate, body);
        base.ProcessClientCertificate(state, body);
    }

    protected override void ProcessCertificateVerify(ServerHandshakeState state, byte[] body, TlsHandshakeHash handshakeHash)
    {
        Observe(HandshakeType.certificate_verify, body);
        base.ProcessCertificateVerify(state, body, handshakeHash);
    }

    protected override void ProcessClientKeyExchange(ServerHandshakeState state, byte[] body)
    {
        Observe(HandshakeType.client_key_exchange, body);
        base.ProcessClientKeyExchange(state, body);
    }

    /// <summary>The message as TLS frames it (type and 24-bit length), as the observer reads it.</summary>
    private void Observe(short type, byte[] body)
    {
        try
        {
            var message = new byte[4 + body.Length];
            message[0] = (byte)type;
            message[1] = (byte)(body.Length >> 16);
            message[2] = (byte)(body.Length >> 8);
            message[3] = (byte)body.Length;
            body.CopyTo(message, 4);
            _observer.HandshakeReceived(message);
        }
        catch (Exception)
        {
            // Diagnostics are best effort; the handshake is not theirs to break.
        }
    }
}
