using System.Net.Sockets;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Interop;

/// <summary>Clients that send garbage, stop mid-handshake or say nothing leave the server serving and its books right.</summary>
public sealed class BadClientTests : IDisposable
{
    private readonly PowerShellSession _ps = new();
    private readonly int _port;

    public BadClientTests() =>
        _port = _ps.Get<int>("$server = Start-TlsServer -Port 0 -HandshakeTimeoutSec 1; $server.Port");

    [Fact]
    public void GarbageBytesFailOneConnectionOnly()
    {
        using (var client = new TcpClient("127.0.0.1", _port))
        {
            client.GetStream().Write("GET / HTTP/1.0\r\n\r\nthis is not TLS at all"u8);
            ReadUntilClosed(client);
        }

        AssertStillServes(expectedFailures: 1);
        var failed = _ps.Run("Get-TlsSession -Server $server -State Failed").Single();
        // Not TLS at all: the connection ends without an alert, as OpenSSL ends it.
        Assert.Contains("not TLS", (string)failed.Properties["Error"].Value);
        Assert.Null(failed.Properties["Alert"].Value);
    }

    [Fact]
    public void AClientHelloCutShortThenClosedIsCounted()
    {
        using (var client = new TcpClient("127.0.0.1", _port))
        {
            // A record header promising 512 bytes, and only the start of a ClientHello.
            client.GetStream().Write(new byte[] { 0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03 });
        }

        AssertStillServes(expectedFailures: 1);
        Assert.Contains("during the handshake", (string)_ps.Run("Get-TlsSession -Server $server -State Failed").Single().Properties["Error"].Value);
    }

    [Fact]
    public void ASilentClientTimesOut()
    {
        using var client = new TcpClient("127.0.0.1", _port);
        ReadUntilClosed(client);

        AssertStillServes(expectedFailures: 1);
        Assert.Equal(1L, _ps.Get<long>("$server.Statistics.HandshakeTimeouts"));
    }

    private static void ReadUntilClosed(TcpClient client)
    {
        client.ReceiveTimeout = 10_000;
        var buffer = new byte[1024];
        try
        {
            while (client.GetStream().Read(buffer) > 0)
            {
            }
        }
        catch (IOException)
        {
            // reset by the server: also closed
        }
    }

    private void AssertStillServes(long expectedFailures)
    {
        _ps.Run("Wait-TlsSession -Server $server -State Failed -Count 1 -TimeoutSec 10");
        var client = OpenSsl.Connect(_port);
        Assert.True(client.Connected, client.Process.AllOutput);
        _ps.Run("Wait-TlsSession -Server $server -State Closed -Count 2 -TimeoutSec 10");
        Assert.Equal("Running", _ps.Run("$server.State").Single().ToString());
        Assert.Equal(2L, _ps.Get<long>("$server.Statistics.ConnectionsAccepted"));
        Assert.Equal(1L, _ps.Get<long>("$server.Statistics.HandshakesCompleted"));
        Assert.Equal(expectedFailures, _ps.Get<long>("$server.Statistics.HandshakesFailed"));
        Assert.Equal(0L, _ps.Get<long>("$server.Statistics.ActiveConnections"));
    }

    public void Dispose() => _ps.Dispose();
}
