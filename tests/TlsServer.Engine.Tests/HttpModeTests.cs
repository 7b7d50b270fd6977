using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace TlsServer.Engine.Tests;

/// <summary>The HTTP modes over real TLS: bare-LF requests are answered (item 16), the -Www page lists the shared suites (item 17).</summary>
public sealed class HttpModeTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tlsserver-http-").FullName;

    [Theory]
    [InlineData(ServerMode.Www, "HTTP/1.1 200")]
    [InlineData(ServerMode.WwwRoot, "HTTP/1.1 200")]
    [InlineData(ServerMode.HttpRoot, "HTTP/1.0 200 from the file")]
    public async Task ARequestWithBareLfLineEndsIsAnswered(ServerMode mode, string expected)
    {
        File.WriteAllText(Path.Combine(_root, "page.txt"), mode == ServerMode.HttpRoot ? "HTTP/1.0 200 from the file\r\n\r\nbody" : "body");
        using var host = TestServers.Start(new ServerOptions
        {
            Address = "127.0.0.1", Port = 0, Mode = mode, DocumentRoot = mode == ServerMode.Www ? null : _root,
        });
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", host.Server.Port);
        using var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, timeout.Token);

        await tls.WriteAsync("GET /page.txt HTTP/1.0\n\n"u8.ToArray(), timeout.Token);
        string response = await new StreamReader(tls, Encoding.UTF8).ReadToEndAsync(timeout.Token);

        Assert.StartsWith(expected, response);
    }

    [Fact]
    public void TheStatusPageListsTheSuitesInCommonAndCountsTheOthers()
    {
        using var host = TestServers.Start(new ServerOptions { Address = "127.0.0.1", Port = 0, Mode = ServerMode.Www });
        using var tcp = new TcpClient("127.0.0.1", host.Server.Port) { ReceiveTimeout = 30_000, SendTimeout = 30_000 };
        var tls = new TlsClientProtocol(tcp.GetStream());
        tls.Connect(new Tls12Client(
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, // the server's own certificate has an ECDSA key
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA)); // not in OpenSSL's DEFAULT

        tls.Stream.Write("GET / HTTP/1.0\r\n\r\n"u8);
        string page = new StreamReader(tls.Stream, Encoding.UTF8).ReadToEnd();

        Assert.Contains("<span id=\"shared-count\">1</span>", page);
        Assert.Contains("<span id=\"other-count\">2</span>", page);
        var listed = Regex.Matches(page, "<li>(TLS_[A-Z0-9_]+)</li>").Select(m => m.Groups[1].Value);
        Assert.Equal(new[] { "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" }, listed);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class Tls12Client : DefaultTlsClient
    {
        private readonly int[] _suites;

        public Tls12Client(params int[] suites)
            : base(new BcTlsCrypto(new SecureRandom())) => _suites = suites;

        protected override ProtocolVersion[] GetSupportedVersions() => new[] { ProtocolVersion.TLSv12 };

        protected override int[] GetSupportedCipherSuites() => _suites;

        public override TlsAuthentication GetAuthentication() => new AnyCertificate();
    }

    private sealed class AnyCertificate : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate)
        {
        }

        public TlsCredentials? GetClientCredentials(CertificateRequest certificateRequest) => null;
    }
}
