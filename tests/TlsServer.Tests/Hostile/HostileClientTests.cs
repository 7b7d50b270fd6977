using System.Security.Cryptography;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Hostile;

/// <summary>
/// A raw-socket client sends what real clients never should. After each case the server still completes a handshake
/// with openssl s_client, its statistics account for every connection, and no handle, thread or memory has leaked.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class HostileClientTests : IDisposable
{
    private readonly PowerShellSession _ps = new();
    private readonly int _port;
    private readonly ProcessResources _baseline;

    public HostileClientTests()
    {
        _port = _ps.Get<int>("$server = Start-TlsServer -Port 0 -Address 127.0.0.1 -HandshakeTimeoutSec 2; $server.Port");
        _baseline = ProcessResources.Measure();
    }

    public static TheoryData<string> Cases() => new()
    {
        "random bytes", "absurd record length", "duplicate extensions", "empty cipher list", "unknown versions",
        "oversized ClientHello", "change cipher spec first", "interleaved alert",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MalformedInputFailsOnlyItsOwnConnection(string name)
    {
        using (var client = new RawClient(_port))
        {
            client.Send(Payload(name));
            client.ReadToEnd();
        }

        AssertHealthy(hostileConnections: 1);
        if (name == "oversized ClientHello")
        {
            Assert.Equal(1L, _ps.Get<long>("$server.Statistics.OversizedHandshakeMessages"));
        }
    }

    [Fact]
    public void AHandshakeInOneByteRecordsStillCompletesTheFirstFlight()
    {
        using (var client = new RawClient(_port))
        {
            client.Send(new ClientHelloBuilder().Records(fragment: 1));
            var reply = client.Read(5);
            Assert.Equal(0x16, reply[0]);
        }

        AssertHealthy(hostileConnections: 1);
    }

    [Fact]
    public void AClientHelloCutAtEveryOffset()
    {
        var hello = new ClientHelloBuilder().Records();
        for (int cut = 1; cut < hello.Length; cut++)
        {
            using var client = new RawClient(_port);
            client.Send(hello.AsSpan(0, cut));
        }

        AssertHealthy(hostileConnections: hello.Length - 1);
    }

    [Fact]
    public void TenThousandConnectAndCloseCycles()
    {
        const int cycles = 10_000;
        for (int i = 0; i < cycles; i++)
        {
            using var client = new RawClient(_port);
        }

        AssertHealthy(hostileConnections: cycles);
    }

    [Fact]
    public void ASlowlorisHandshakeIsCutAtTheHandshakeTimeout()
    {
        var hello = new ClientHelloBuilder().Records();
        using (var client = new RawClient(_port))
        {
            bool cut = false;
            for (int i = 0; i < 10 && !cut; i++)
            {
                try
                {
                    client.Send(hello.AsSpan(i, 1));
                    Thread.Sleep(1000);
                }
                catch (System.Net.Sockets.SocketException)
                {
                    cut = true;
                }
            }

            Assert.True(cut || client.ReadToEnd().Length == 0, "the server kept a slow handshake open");
        }

        AssertHealthy(hostileConnections: 1);
        Assert.Equal(1L, _ps.Get<long>("$server.Statistics.HandshakeTimeouts"));
    }

    [Fact]
    public void RenegotiationIsRefusedAndTheSessionGoesOn()
    {
        // Without -brief, s_client reads "R" as its renegotiate command.
        var client = ExternalProcess.Run("openssl", new[] { "s_client", "-connect", $"127.0.0.1:{_port}", "-tls1_2" }, "R\n", TimeSpan.FromSeconds(20));

        Assert.Contains("RENEGOTIATING", client.AllOutput);
        Assert.Contains("no renegotiation", client.AllOutput);
        _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 10");
        Assert.True(_ps.Get<bool>("(Get-TlsSession -Server $server).HandshakeCompleted"));
        AssertHealthy(hostileConnections: 1);
    }

    private static byte[] Payload(string name)
    {
        var hello = new ClientHelloBuilder();
        switch (name)
        {
            case "random bytes":
                return RandomNumberGenerator.GetBytes(1000);
            case "absurd record length":
                return new byte[] { 0x16, 0x03, 0x03, 0xff, 0xff, 0x01, 0x00 };
            case "duplicate extensions":
                hello.Extensions.Add(hello.Extensions[1]);
                break;
            case "empty cipher list":
                hello.CipherSuites.Clear();
                break;
            case "unknown versions":
                hello.LegacyVersion = 0x7f7f;
                hello.Extensions[0] = (43, new byte[] { 2, 0x7f, 0x7f });
                break;
            case "oversized ClientHello":
                // A ClientHello may have 131,396 bytes (OpenSSL's limit); this one says it has 200,000.
                return Record.Create(0x16, new byte[] { 1, 0x03, 0x0d, 0x40 }.Concat(new byte[100]).ToArray());
            case "change cipher spec first":
                return Record.Create(0x14, new byte[] { 1 }).Concat(hello.Records()).ToArray();
            case "interleaved alert":
                var records = hello.Records(fragment: 40);
                return records[..45].Concat(Record.Create(0x15, new byte[] { 1, 112 })).Concat(records[45..]).ToArray();
        }

        return hello.Records();
    }

    private void AssertHealthy(int hostileConnections)
    {
        long total = hostileConnections + 1;
        var errors = _ps.Run($"$null = Wait-TlsSession -Server $server -State Closed -Count {hostileConnections} -TimeoutSec 60");
        var client = OpenSsl.Connect(_port);
        Assert.True(client.Connected, client.Process.AllOutput);
        _ps.Run($"$null = Wait-TlsSession -Server $server -State Closed -Count {Math.Min(total, 1000)} -TimeoutSec 30");

        var stats = _ps.Run("$server.Statistics").Single();
        long accepted = (long)stats.Properties["ConnectionsAccepted"].Value;
        long completed = (long)stats.Properties["HandshakesCompleted"].Value;
        long failed = (long)stats.Properties["HandshakesFailed"].Value;
        Assert.Equal("Running", _ps.Run("$server.State").Single().ToString());
        Assert.Equal(total, accepted);
        Assert.Equal(0L, (long)stats.Properties["ActiveConnections"].Value);
        Assert.Equal(accepted, completed + failed);
        Assert.True(completed >= 1);
        ProcessResources.Measure().AssertNoLeakSince(_baseline);
    }

    public void Dispose() => _ps.Dispose();
}
