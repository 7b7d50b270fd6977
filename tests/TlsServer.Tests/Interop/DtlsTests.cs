using System.Management.Automation;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Interop;

/// <summary>openssl s_client over DTLS 1.2 and 1.0, with and without the stateless cookie exchange (-Listen).</summary>
public sealed class DtlsTests : IDisposable
{
    // OpenSSL 3 allows DTLS 1.0 (SHA-1 signatures) only at security level 0.
    private static readonly string[] Dtls10 = { "-dtls1", "-cipher", "DEFAULT@SECLEVEL=0" };
    private static readonly string[] Dtls12 = { "-dtls1_2" };

    private readonly PowerShellSession _ps = new();

    [Theory]
    [InlineData("-dtls1_2", false, "DTLSv1.2", "Dtls12")]
    [InlineData("-dtls1_2", true, "DTLSv1.2", "Dtls12")]
    [InlineData("-dtls1", false, "DTLSv1", "Dtls10")]
    [InlineData("-dtls1", true, "DTLSv1", "Dtls10")]
    public void SClientCompletesAHandshakeAndSendsData(string version, bool listen, string sClientProtocol, string protocol)
    {
        int port = StartServer(listen ? "-Dtls -Listen" : "-Dtls");
        const string line = "hello over datagrams\n";

        var client = Connect(port, line, version);

        Assert.True(client.Connected, client.Process.AllOutput);
        Assert.Equal(sClientProtocol, client.Protocol);
        var session = WaitForEndedSession();
        Assert.Equal(protocol, session.Properties["Protocol"].Value.ToString());
        Assert.Equal(client.Cipher, session.Properties["CipherSuiteOpenSsl"].Value);
        Assert.Equal("Closed", session.Properties["State"].Value.ToString());
        Assert.Equal("close_notify", ((dynamic)session.Properties["Alert"].Value).Description);
        Assert.True((long)session.Properties["BytesReceived"].Value > line.Length);
        Assert.Equal("Udp", _ps.Run("$server.Transport").Single().ToString());
        long cookies = _ps.Get<long>("$server.Statistics.HelloVerifyRequests");
        Assert.Equal(listen, cookies > 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheStatusPageComesBackOverDtls(bool dtls10)
    {
        int port = StartServer("-Dtls -Listen -Www");

        var client = Connect(port, "GET / HTTP/1.0\n\n", (dtls10 ? Dtls10 : Dtls12).Concat(new[] { "-crlf", "-ign_eof" }).ToArray());

        Assert.True(client.Connected, client.Process.AllOutput);
        Assert.Contains("HTTP/1.1 200 OK", client.Process.StandardOutput);
        Assert.Contains($"<td id=\"protocol\">{(dtls10 ? "Dtls10" : "Dtls12")}</td>", client.Process.StandardOutput);
        var session = WaitForEndedSession();
        Assert.True((long)session.Properties["BytesSent"].Value > 1000);
        Assert.Equal("HTTP 200", session.Properties["Error"].Value);
    }

    [Fact]
    public void ADualStackServerTakesIpv4AndIpv6Clients()
    {
        int port = _ps.Get<int>("$server = Start-TlsServer -Port 0 -Dtls; $server.Port");

        var v4 = new SClientResult(ExternalProcess.Run("openssl", new[] { "s_client", "-connect", $"127.0.0.1:{port}", "-dtls1_2", "-brief" }, "4\n", TimeSpan.FromSeconds(20)));
        var v6 = new SClientResult(ExternalProcess.Run("openssl", new[] { "s_client", "-connect", $"[::1]:{port}", "-dtls1_2", "-brief" }, "6\n", TimeSpan.FromSeconds(20)));

        Assert.True(v4.Connected, v4.Process.AllOutput);
        Assert.True(v6.Connected, v6.Process.AllOutput);
        _ps.Run("Wait-TlsSession -Server $server -State Closed -Count 2 -TimeoutSec 15");
        Assert.Equal(2L, _ps.Get<long>("$server.Statistics.HandshakesCompleted"));
    }

    [Fact]
    public void APskWorksOverDtls()
    {
        const string key = "00112233445566778899aabbccddeeff";
        int port = StartServer($"-Dtls -Listen -Psk {key}");

        var client = Connect(port, "psk\n", "-dtls1_2", "-psk", key, "-cipher", "PSK");

        Assert.True(client.Connected, client.Process.AllOutput);
        var session = WaitForEndedSession();
        Assert.Equal("Client_identity", session.Properties["PskIdentity"].Value);
        Assert.Contains("PSK", (string)session.Properties["CipherSuite"].Value);
    }

    [Fact]
    public void ASmallMtuFragmentsTheHandshake()
    {
        int port = StartServer("-Dtls -Mtu 400");

        var client = Connect(port, "x\n", "-dtls1_2", "-mtu", "400", "-msg");

        Assert.True(client.Connected, client.Process.AllOutput);
        Assert.Equal(400, _ps.Get<int>("$server.Mtu"));
        WaitForEndedSession();
    }

    [Fact]
    public void StopTlsServerSendsCloseNotifyToAnEstablishedAssociation()
    {
        int port = StartServer("-Dtls");
        var client = Task.Run(() => ExternalProcess.Run("openssl",
            new[] { "s_client", "-connect", $"127.0.0.1:{port}", "-dtls1_2", "-brief", "-ign_eof" }, null, TimeSpan.FromSeconds(30)));
        _ps.Run("Wait-TlsSession -Server $server -State Established -TimeoutSec 10");

        _ps.Run("$server | Stop-TlsServer");

        Assert.True(client.Wait(TimeSpan.FromSeconds(25)));
        Assert.Equal("Closed", _ps.Run("(Get-TlsSession -Server $server).State").Single().ToString());
        Assert.Equal("the server stopped", _ps.Run("(Get-TlsSession -Server $server).Error").Single());
    }

    [Fact]
    public void AnUdpPortInUseIsAClearError()
    {
        int port = StartServer("-Dtls");

        var error = _ps.RunExpectingError($"Start-TlsServer -Port {port} -Address 127.0.0.1 -Dtls");

        Assert.Equal("PortInUse,TlsServer.PowerShell.Commands.StartTlsServerCommand", error.FullyQualifiedErrorId);
        Assert.Contains("UDP port", error.Exception.Message);
    }

    [Theory]
    [InlineData("-Dtls -Protocol Tls12", "DtlsWithTls")]
    [InlineData("-Protocol Dtls12,Tls13", "DtlsWithTls")]
    [InlineData("-Listen", "ListenNeedsDtls")]
    [InlineData("-Dtls -UnixSocket /tmp/x.sock", "ParameterConflict")]
    [InlineData("-Dtls -MaxSendFragment 512", "StreamOptionsWithDtls")]
    [InlineData("-Dtls -NonBlockingTest -ReadBufferSize 64", "StreamOptionsWithDtls")]
    [InlineData("-Dtls -NoMiddlebox", "StreamOptionsWithDtls")]
    public void WrongCombinationsAreRefused(string arguments, string errorId)
    {
        var error = _ps.RunExpectingError($"Start-TlsServer -Port 0 {arguments}");

        Assert.Equal($"{errorId},TlsServer.PowerShell.Commands.StartTlsServerCommand", error.FullyQualifiedErrorId);
    }

    private int StartServer(string arguments) =>
        _ps.Get<int>($"$server = Start-TlsServer -Port 0 -Address 127.0.0.1 {arguments}; $server.Port");

    private static SClientResult Connect(int port, string input, params string[] options)
    {
        var effective = options.Length == 1 && options[0] == "-dtls1" ? Dtls10 : options;
        return OpenSsl.Connect(port, input, effective);
    }

    private PSObject WaitForEndedSession()
    {
        var sessions = _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 15");
        Assert.Empty(_ps.LastErrors);
        return sessions.Single();
    }

    public void Dispose() => _ps.Dispose();
}
