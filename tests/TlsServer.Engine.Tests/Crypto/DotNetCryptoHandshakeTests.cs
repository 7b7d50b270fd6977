using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using BcHash = Org.BouncyCastle.Tls.HashAlgorithm;
using CertificateRequest = System.Security.Cryptography.X509Certificates.CertificateRequest;
using BcSignature = Org.BouncyCastle.Tls.SignatureAlgorithm;

namespace TlsServer.Engine.Tests.Crypto;

/// <summary>
/// A pure BouncyCastle client, which verifies every server signature itself, against a running server whose records
/// go through .NET's AEADs and whose signatures come from .NET keys: each protocol, key, record cipher and signature
/// scheme, including the ones the server leaves to BouncyCastle.
/// </summary>
public sealed class DotNetCryptoHandshakeTests
{
    public static TheoryData<string, string, int, short, short> Cases => new()
    {
        { "Tls13", "ecdsa", CipherSuite.TLS_AES_128_GCM_SHA256, BcHash.sha256, BcSignature.ecdsa },
        { "Tls13", "rsa", CipherSuite.TLS_AES_256_GCM_SHA384, BcHash.Intrinsic, BcSignature.rsa_pss_rsae_sha256 },
        { "Tls13", "rsa", CipherSuite.TLS_CHACHA20_POLY1305_SHA256, BcHash.Intrinsic, BcSignature.rsa_pss_rsae_sha512 },
        { "Tls12", "ecdsa", CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, BcHash.sha256, BcSignature.ecdsa },
        { "Tls12", "ecdsa", CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, BcHash.sha1, BcSignature.ecdsa },
        { "Tls12", "rsa", CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, BcHash.sha256, BcSignature.rsa },
        { "Tls12", "rsa", CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, BcHash.Intrinsic, BcSignature.rsa_pss_rsae_sha384 },
        // Not made by .NET here: BouncyCastle signs.
        { "Tls12", "rsa", CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, BcHash.sha224, BcSignature.rsa },
        { "Tls12", "ecdsa", CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, BcHash.sha256, BcSignature.ecdsa },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ABouncyCastleClientVerifiesTheHandshakeAndReadsTheResponse(string protocol, string key, int suite, short hash, short signature)
    {
        using var certificate = Certificate(key);
        using var server = TestServers.Start(new ServerOptions
        {
            Address = "127.0.0.1", Port = 0, Mode = ServerMode.Www, Certificate = certificate,
            // RFC 9155: SHA-1 signatures only when allowed explicitly, here with OpenSSL's @SECLEVEL=0.
            Cipher = hash == BcHash.sha1 ? "DEFAULT:@SECLEVEL=0" : null,
        });
        var client = new Client(protocol == "Tls13" ? ProtocolVersion.TLSv13 : ProtocolVersion.TLSv12, suite,
            new SignatureAndHashAlgorithm(hash, signature));
        using var tcp = new TcpClient();
        tcp.Connect("127.0.0.1", server.Server.Port);
        tcp.ReceiveTimeout = tcp.SendTimeout = 10_000;
        var tls = new TlsClientProtocol(tcp.GetStream());

        tls.Connect(client);
        tls.Stream.Write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"u8);
        string response = new StreamReader(tls.Stream, Encoding.UTF8).ReadToEnd();

        Assert.StartsWith("HTTP/1.1 200 OK", response);
        Assert.Equal(suite, client.NegotiatedSuite);
        var session = server.Server.WaitForSessions(s => s.HandshakeCompleted, 1, TimeSpan.FromSeconds(10), default).Single();
        Assert.Equal(suite, session.CipherSuiteId);
    }

    private static X509Certificate2 Certificate(string key)
    {
        AsymmetricAlgorithm algorithm = key == "rsa" ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using (algorithm)
        {
            var request = algorithm is RSA rsa
                ? new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                : new CertificateRequest("CN=localhost", (ECDsa)algorithm, HashAlgorithmName.SHA256);
            return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        }
    }

    /// <summary>Offers one version, one suite and one signature scheme, and accepts any certificate (the signature is still checked).</summary>
    private sealed class Client : DefaultTlsClient
    {
        private readonly ProtocolVersion _version;
        private readonly int _suite;
        private readonly SignatureAndHashAlgorithm _signature;

        public Client(ProtocolVersion version, int suite, SignatureAndHashAlgorithm signature)
            : base(new BcTlsCrypto(new SecureRandom()))
        {
            _version = version;
            _suite = suite;
            _signature = signature;
        }

        public int NegotiatedSuite => m_context.SecurityParameters.CipherSuite;

        protected override ProtocolVersion[] GetSupportedVersions() => new[] { _version };

        protected override int[] GetSupportedCipherSuites() => new[] { _suite };

        protected override IList<SignatureAndHashAlgorithm> GetSupportedSignatureAlgorithms() => new List<SignatureAndHashAlgorithm> { _signature };

        public override TlsAuthentication GetAuthentication() => new AcceptAnyCertificate();
    }

    private sealed class AcceptAnyCertificate : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate)
        {
        }

        public TlsCredentials? GetClientCredentials(Org.BouncyCastle.Tls.CertificateRequest certificateRequest) => null;
    }
}
