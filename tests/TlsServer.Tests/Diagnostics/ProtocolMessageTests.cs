using System.Management.Automation;
using System.Security.Cryptography;
using System.Text;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Diagnostics;

/// <summary>Every protocol message of a session as objects (-Msg), the ClientHello with JA3/JA4, and the trace text.</summary>
public sealed class ProtocolMessageTests : IDisposable
{
    private readonly PowerShellSession _ps = new();
    private readonly TestCredentials _credentials = TestCredentials.Shared;

    [Fact]
    public void ATls13HandshakeIsExactlyTheseMessages()
    {
        int port = StartServer("-Msg");

        OpenSsl.Connect(port, null, "-tls1_3");

        Assert.Equal(new[]
        {
            "Received handshake client_hello",
            "Sent handshake server_hello",
            "Sent change_cipher_spec ",
            "Sent handshake encrypted_extensions",
            "Sent handshake certificate",
            "Sent handshake certificate_verify",
            "Sent handshake finished",
            "Received handshake finished",
            "Received alert ",
            "Sent alert ",
        }, Sequence());
    }

    [Fact]
    public void ATls12HandshakeIsExactlyTheseMessages()
    {
        int port = StartServer("-Msg");

        OpenSsl.Connect(port, null, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256");

        Assert.Equal(new[]
        {
            "Received handshake client_hello",
            "Sent handshake server_hello",
            "Sent handshake certificate",
            "Sent handshake server_key_exchange",
            "Sent handshake server_hello_done",
            "Received handshake client_key_exchange",
            "Received change_cipher_spec ",
            "Received handshake finished",
            "Sent handshake new_session_ticket",
            "Sent change_cipher_spec ",
            "Sent handshake finished",
            "Received alert ",
            "Sent alert ",
        }, Sequence());
    }

    [Fact]
    public void MessagesCarryBytesLengthsAndDecodedSummaries()
    {
        int port = StartServer("-Msg");

        OpenSsl.Connect(port, null, "-tls1_3", "-groups", "X25519", "-ciphersuites", "TLS_AES_128_GCM_SHA256", "-servername", "example.test");

        var messages = _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 10 | Get-TlsMessage");
        var hello = messages[0];
        var data = (byte[])hello.Properties["Data"].Value;
        Assert.Equal(1, data[0]);
        Assert.Equal(data.Length - 4, (int)hello.Properties["Length"].Value);
        Assert.Equal((data[1] << 16) | (data[2] << 8) | data[3], (int)hello.Properties["Length"].Value);
        Assert.Contains("key shares x25519", (string)hello.Properties["Summary"].Value, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("server_name", (string)hello.Properties["Summary"].Value);
        var serverHello = messages[1];
        Assert.Contains("TLS_AES_128_GCM_SHA256", (string)serverHello.Properties["Summary"].Value);
        Assert.Equal("TLSv1.3", serverHello.Properties["Version"].Value);
        var alert = messages.Single(m => m.Properties["ContentType"].Value.Equals("alert") && m.Properties["Direction"].Value.ToString() == "Sent");
        Assert.Equal("warning close_notify", alert.Properties["Summary"].Value);
        var times = messages.Select(m => (DateTimeOffset)m.Properties["Time"].Value).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Equal(Enumerable.Range(0, messages.Count), messages.Select(m => (int)m.Properties["Index"].Value));
    }

    [Fact]
    public void TheSameSClientOptionsGiveTheSameJa3EveryTime()
    {
        int port = StartServer(string.Empty);
        string[] options = { "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256", "-servername", "localhost" };

        OpenSsl.Connect(port, null, options);
        OpenSsl.Connect(port, null, options);
        OpenSsl.Connect(port, null, "-tls1_3");

        var hellos = _ps.Run("$null = Wait-TlsSession -Server $server -State Closed -Count 3 -TimeoutSec 10; (Get-TlsSession -Server $server).ClientHello")
            .Select(h => h.Properties).ToList();
        Assert.Equal(3, hellos.Count);
        string ja3 = (string)hellos[0]["Ja3"].Value;
        Assert.Equal(ja3, hellos[1]["Ja3"].Value);
        Assert.Equal(hellos[0]["Ja4"].Value, hellos[1]["Ja4"].Value);
        Assert.NotEqual(ja3, hellos[2]["Ja3"].Value);
        var fields = ja3.Split(',');
        Assert.Equal("771", fields[0]);
        Assert.Equal("49199-255", fields[1]);
        Assert.StartsWith("0-", fields[2]);
        Assert.Equal(Md5(ja3), hellos[0]["Ja3Hash"].Value);
        Assert.Matches("^t12d02[0-9]{2}00_[0-9a-f]{12}_[0-9a-f]{12}$", (string)hellos[0]["Ja4"].Value);
        Assert.Equal(Sha256Prefix("00ff,c02f"), ((string)hellos[0]["Ja4"].Value).Split('_')[1]);
        Assert.Equal("localhost", hellos[0]["ServerName"].Value);
    }

    [Fact]
    public void WithoutMsgNoMessagesAreKeptButTheClientHelloIs()
    {
        int port = StartServer(string.Empty);

        OpenSsl.Connect(port, null, "-tls1_3");

        var session = _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 10").Single();
        Assert.Empty(_ps.Run("$session = Get-TlsSession -Server $server; Get-TlsMessage -Session $session"));
        Assert.NotNull(session.Properties["ClientHello"].Value);
        Assert.Null(session.Properties["ClientExtensions"].Value);
    }

    [Fact]
    public void MessageLimitBoundsWhatASessionKeeps()
    {
        int port = StartServer("-Msg -MessageLimit 3");

        OpenSsl.Connect(port, null, "-tls1_3");

        var session = _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 10").Single();
        Assert.Equal(3, _ps.Run("Get-TlsSession -Server $server | Get-TlsMessage").Count);
        Assert.Equal(10, (int)session.Properties["MessageCount"].Value);
    }

    [Fact]
    public void TlsExtDebugKeepsTheClientsExtensionsInOrder()
    {
        int port = StartServer("-TlsExtDebug");

        OpenSsl.Connect(port, null, "-tls1_3", "-servername", "ext.example", "-alpn", "h2");

        var session = _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 10").Single();
        var extensions = ((System.Collections.IEnumerable)session.Properties["ClientExtensions"].Value).Cast<object>().Select(PSObject.AsPSObject).ToList();
        Assert.Equal("server_name", extensions[0].Properties["Name"].Value);
        Assert.Equal("ext.example", extensions[0].Properties["Decoded"].Value);
        Assert.Equal("h2", extensions.Single(e => (int)e.Properties["Type"].Value == 16).Properties["Decoded"].Value);
        var text = _ps.Run("(Get-TlsSession -Server $server).ClientHello.ToExtensionText()").Single().ToString();
        Assert.Contains("TLS client extension \"server name\" (id=0), len=", text);
    }

    [Fact]
    public void TraceFileHoldsMsgStateHexDumpAndExtensionTextInOpenSslStyle()
    {
        string trace = Path.Combine(_credentials.Directory, $"trace-{Guid.NewGuid():N}.txt");
        int port = StartServer($"-Msg -State -HexDump -TlsExtDebug -Brief -TraceFile '{trace}'");

        OpenSsl.Connect(port, "ping\n", "-tls1_2");

        _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 10; $server | Stop-TlsServer");
        string text = File.ReadAllText(trace);
        Assert.Contains("<<< ???, Handshake [length ", text);
        Assert.Contains("], ClientHello", text);
        Assert.Contains(">>> TLS 1.2, Handshake [length ", text);
        Assert.Contains("], ServerHelloDone", text);
        Assert.Contains("SSL_accept:before SSL initialization", text);
        Assert.Contains("SSL_accept:SSLv3/TLS write server hello done", text);
        Assert.Contains("read from socket (", text);
        Assert.Contains("0000 - 16 03 ", text);
        Assert.Contains("TLS client extension \"supported groups\" (id=10)", text);
        Assert.Contains("CONNECTION ESTABLISHED", text);
        Assert.Contains("Protocol version: TLSv1.2", text);
    }

    [Fact]
    public void QuietWritesNoTraceText()
    {
        string trace = Path.Combine(_credentials.Directory, $"quiet-{Guid.NewGuid():N}.txt");
        int port = StartServer($"-Msg -State -Quiet -TraceFile '{trace}'");

        OpenSsl.Connect(port, null, "-tls1_3");

        _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 10; $server | Stop-TlsServer");
        Assert.False(File.Exists(trace) && File.ReadAllText(trace).Length > 0);
        Assert.NotEmpty(_ps.Run("Get-TlsSession -Server $server | Get-TlsMessage"));
    }

    [Fact]
    public void AMalformedClientHelloIsRecordedAndTheServerGoesOn()
    {
        int port = StartServer("-Msg -TlsExtDebug -HexDump");
        byte[] hello = { 0x16, 0x03, 0x01, 0x00, 0x0a, 0x01, 0x00, 0x00, 0x06, 0x03, 0x03, 0xde, 0xad, 0xbe, 0xef };

        using (var tcp = new System.Net.Sockets.TcpClient("127.0.0.1", port))
        {
            tcp.GetStream().Write(hello);
            tcp.GetStream().ReadTimeout = 10_000;
            // No version is settled yet: the decode_error goes out as the plaintext record OpenSSL sends.
            var reply = new byte[8];
            int read = 0;
            for (int n; read < reply.Length && (n = tcp.GetStream().Read(reply, read, reply.Length - read)) > 0;)
            {
                read += n;
            }

            Assert.Equal(new byte[] { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x32 }, reply[..read]);
        }

        var session = _ps.Run("Wait-TlsSession -Server $server -State Failed -TimeoutSec 10").Single();
        Assert.Null(session.Properties["ClientHello"].Value);
        var messages = _ps.Run("Get-TlsSession -Server $server | Get-TlsMessage");
        Assert.Equal(2, messages.Count);
        Assert.Equal("(malformed)", messages[0].Properties["Summary"].Value);
        Assert.Contains("decode_error", (string)messages[1].Properties["Summary"].Value);
        Assert.True(OpenSsl.Connect(port, null, "-tls1_3").Connected);
    }

    private int StartServer(string arguments) => _ps.Get<int>(
        $"$server = Start-TlsServer -Port 0 -CertificatePath '{_credentials.P("rsa.crt")}' -KeyPath '{_credentials.P("rsa.key")}' {arguments}; $server.Port");

    private List<string> Sequence()
    {
        var messages = _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 10 | Get-TlsMessage");
        Assert.Empty(_ps.LastErrors);
        return messages.Select(m => $"{m.Properties["Direction"].Value} {m.Properties["ContentType"].Value} {m.Properties["HandshakeType"].Value}").ToList();
    }

    private static string Md5(string text) => Convert.ToHexString(MD5.HashData(Encoding.ASCII.GetBytes(text))).ToLowerInvariant();

    private static string Sha256Prefix(string text) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(text)))[..12].ToLowerInvariant();

    public void Dispose() => _ps.Dispose();
}
