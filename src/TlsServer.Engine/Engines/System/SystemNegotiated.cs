using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using TlsServer.Engine.CipherSuites;
using TlsServer.Engine.Runtime;

namespace TlsServer.Engine.Engines.Platform;

/// <summary>
/// What an SslStream handshake settled, as <see cref="NegotiatedState"/>. SslStream does not say the group, the
/// session id or whether it resumed (left empty); extended master secret and encrypt-then-MAC follow from the
/// ClientHello, since OpenSSL always agrees to them when offered (encrypt-then-MAC only for CBC suites).
/// </summary>
internal static class SystemNegotiated
{
    private const int EncryptThenMac = 22;
    private const int ExtendedMasterSecret = 23;
    private const int RenegotiationInfo = 0xff01;
    private const int EmptyRenegotiationInfoScsv = 0x00ff;

    public static NegotiatedState Read(SslStream ssl, TlsClientHello? hello)
    {
        var protocol = Protocol(ssl.SslProtocol);
        int suite = (int)ssl.NegotiatedCipherSuite;
        bool tls12 = protocol is not TlsProtocol.Tls13;
        var alpn = ssl.NegotiatedApplicationProtocol.Protocol;
        return new NegotiatedState(
            protocol,
            suite,
            CipherSuiteNames.IanaName(suite),
            CipherSuiteNames.OpenSslName(suite),
            null,
            string.IsNullOrEmpty(ssl.TargetHostName) ? null : Diagnostics.PrintableText.Escape(ssl.TargetHostName),
            alpn.IsEmpty ? null : Encoding.UTF8.GetString(alpn.Span),
            null,
            false,
            null,
            tls12 && Offers(hello, ExtendedMasterSecret),
            tls12 && Offers(hello, EncryptThenMac) && CipherSuiteNames.IanaName(suite).Contains("_CBC_", StringComparison.Ordinal),
            tls12 && hello is not null ? SignalsSecureRenegotiation(hello) : null,
            ssl.LocalCertificate is { } local ? new X509Certificate2(local.GetRawCertData()) : null,
            null,
            null);
    }

    /// <summary>RFC 5746: the renegotiation_info extension or the SCSV.</summary>
    public static bool SignalsSecureRenegotiation(TlsClientHello hello) =>
        Offers(hello, RenegotiationInfo) || hello.CipherSuites.Contains(EmptyRenegotiationInfoScsv);

    public static bool Offers(TlsClientHello? hello, int extension) => hello?.ExtensionList.Any(e => e.Type == extension) == true;

#pragma warning disable SYSLIB0039 // reading what was negotiated, not enabling it
    private static TlsProtocol? Protocol(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => TlsProtocol.Tls13,
        SslProtocols.Tls12 => TlsProtocol.Tls12,
        SslProtocols.Tls11 => TlsProtocol.Tls11,
        SslProtocols.Tls => TlsProtocol.Tls10,
        _ => null,
    };
#pragma warning restore SYSLIB0039
}
