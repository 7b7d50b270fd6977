using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace TlsServer.Engine.Tests;

/// <summary>
/// -SrpVerifierPath with a file made by `openssl srp`. OpenSSL 3.0's s_client crashes (SIGSEGV) in its deprecated SRP
/// client on this machine, even against openssl s_server, so the peer is BouncyCastle's SrpTlsClient.
/// </summary>
public sealed class SrpTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tlsserver-srp-").FullName;

    [Theory]
    [InlineData("alice", "1536", "correct horse")]
    [InlineData("bob", "2048", "battery staple")]
    public void AnSrpClientLogsInWithTheVerifierFromOpenSsl(string user, string group, string password)
    {
        string file = VerifierFile((user, group, password), ("carol", "1024", "another one"));
        using var host = TestServers.Start(new ServerOptions { Address = "127.0.0.1", Port = 0, SrpVerifierPath = file, Protocols = new[] { TlsProtocol.Tls12 } });

        var protocol = Connect(host.Server.Port, user, password);
        protocol.Stream.Write(Encoding.ASCII.GetBytes("hello over srp\n"));
        protocol.Close();

        var session = host.Server.WaitForSessions(s => s.State == nameof(SessionState.Closed), 1, TimeSpan.FromSeconds(10), default).Single();
        Assert.Equal(user, session.SrpUser);
        Assert.StartsWith("TLS_SRP_SHA_WITH_AES_", session.CipherSuite);
        Assert.Equal(nameof(TlsProtocol.Tls12), session.Protocol);
    }

    [Theory]
    [InlineData("alice", "wrong password")]
    [InlineData("mallory", "correct horse")]
    public void AWrongPasswordOrUnknownUserFails(string user, string password)
    {
        string file = VerifierFile(("alice", "1536", "correct horse"));
        using var host = TestServers.Start(new ServerOptions { Address = "127.0.0.1", Port = 0, SrpVerifierPath = file });

        Assert.ThrowsAny<IOException>(() => Connect(host.Server.Port, user, password).Close());

        var session = host.Server.WaitForSessions(s => s.State == nameof(SessionState.Failed), 1, TimeSpan.FromSeconds(10), default).Single();
        Assert.False(session.HandshakeCompleted);
        Assert.True(user == session.SrpUser, session.Error);
    }

    [Theory]
    [InlineData(null, "unknown_psk_identity")]
    [InlineData("a server secret", "bad_record_mac")]
    public void AUserSeedMakesAnUnknownUserLookLikeAWrongPassword(string? seed, string alert)
    {
        string file = VerifierFile(("alice", "1536", "correct horse"));
        using var host = TestServers.Start(new ServerOptions { Address = "127.0.0.1", Port = 0, SrpVerifierPath = file, SrpUserSeed = seed });

        Assert.ThrowsAny<IOException>(() => Connect(host.Server.Port, "mallory", "guess").Close());

        var session = host.Server.WaitForSessions(s => s.State == nameof(SessionState.Failed), 1, TimeSpan.FromSeconds(10), default).Single();
        Assert.True(session.Alert?.Description == alert, $"{session.Alert} {session.Error}");
    }

    [Fact]
    public void SrpWithOnlyTls13IsRefused()
    {
        string file = VerifierFile(("alice", "1536", "correct horse"));

        var e = Assert.Throws<TlsServerException>(() => ServerConfig.Build(new ServerOptions { Port = 0, SrpVerifierPath = file, Protocols = new[] { TlsProtocol.Tls13 } }));

        Assert.Equal("SrpNeedsTls12", e.ErrorId);
    }

    [Fact]
    public void AFileWithoutUsersIsRefused()
    {
        string file = Path.Combine(_folder, "empty.srpv");
        File.WriteAllText(file, "V\tnot*base64\tsalt\tuser\t1536\t\n");

        var e = Assert.Throws<TlsServerException>(() => ServerConfig.Build(new ServerOptions { Port = 0, SrpVerifierPath = file }));

        Assert.Equal("SrpVerifierFileInvalid", e.ErrorId);
    }

    private static TlsClientProtocol Connect(int port, string user, string password)
    {
        var tcp = new TcpClient("127.0.0.1", port);
        var protocol = new TlsClientProtocol(tcp.GetStream());
        try
        {
            protocol.Connect(new PlainSrpClient(Encoding.UTF8.GetBytes(user), Encoding.UTF8.GetBytes(password)));
        }
        catch
        {
            tcp.Dispose();
            throw;
        }

        return protocol;
    }

    private string VerifierFile(params (string User, string Group, string Password)[] users)
    {
        string file = Path.Combine(_folder, $"{Guid.NewGuid():N}.srpv");
        File.WriteAllText(file, string.Empty);
        foreach (var (user, group, password) in users)
        {
            var info = new ProcessStartInfo("openssl") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in new[] { "srp", "-srpvfile", file, "-add", "-gn", group, "-passout", $"pass:{password}", user })
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info)!;
            Assert.True(process.WaitForExit(30_000));
            Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        }

        return file;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>BouncyCastle's SRP client offers only SRP_SHA_RSA; this one offers the SRP suites without a certificate.</summary>
    private sealed class PlainSrpClient : SrpTlsClient
    {
        public PlainSrpClient(byte[] identity, byte[] password)
            : base(new BcTlsCrypto(new SecureRandom()), identity, password)
        {
        }

        protected override int[] GetSupportedCipherSuites() =>
            new[] { CipherSuite.TLS_SRP_SHA_WITH_AES_256_CBC_SHA, CipherSuite.TLS_SRP_SHA_WITH_AES_128_CBC_SHA };
    }
}
