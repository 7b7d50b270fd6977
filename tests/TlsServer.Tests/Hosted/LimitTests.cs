using System.Net.Security;
using System.Net.Sockets;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Hosted;

/// <summary>Each limit holds, and the statistic that shows it was hit moves.</summary>
public sealed class LimitTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    [Fact]
    public void ConnectionsBeyondTheLimitAreRefusedAndCounted()
    {
        int port = _ps.Get<int>("$server = Start-TlsServer -Port 0 -Address 127.0.0.1 -ConnectionLimit 1; $server.Port");
        using var first = DotNetTlsClient.Connect(port);
        _ps.Run("Wait-TlsSession -Server $server -State Established -TimeoutSec 10");

        using (var refused = new TcpClient("127.0.0.1", port))
        {
            refused.ReceiveTimeout = 10_000;
            Assert.Equal(0, ReadOrZero(refused.GetStream()));
        }

        Assert.Equal(1L, _ps.Get<long>("$server.Statistics.ConnectionsRefused"));
        Assert.Equal(1L, _ps.Get<long>("$server.Statistics.ConnectionsAccepted"));
        first.Write("still here"u8);
    }

    [Fact]
    public void AnIdleConnectionIsClosedWithCloseNotify()
    {
        int port = _ps.Get<int>("$server = Start-TlsServer -Port 0 -Address 127.0.0.1 -IdleTimeoutSec 1; $server.Port");
        using var client = DotNetTlsClient.Connect(port);

        Assert.Equal(0, client.Read(new byte[16]));
        _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 10");
        Assert.Equal(1L, _ps.Get<long>("$server.Statistics.IdleTimeouts"));
        Assert.Contains("idle timeout", _ps.Get<string>("(Get-TlsSession -Server $server).Error"));
    }

    [Fact]
    public void AFullReceiveBufferStopsReadingInsteadOfDropping()
    {
        const int limit = 4096;
        int port = _ps.Get<int>($"$server = Start-TlsServer -Port 0 -Address 127.0.0.1 -ReceiveBufferLimit {limit}; $server.Port");
        using var client = DotNetTlsClient.Connect(port);
        client.WriteTimeout = 3000;
        var chunk = new byte[64 * 1024];
        long written = 0;

        Assert.ThrowsAny<IOException>(() =>
        {
            for (int i = 0; i < 1024; i++)
            {
                client.Write(chunk);
                written += chunk.Length;
            }
        });

        long received = _ps.Get<long>("(Get-TlsSession -Server $server).BytesReceived");
        Assert.True(written < 1024L * chunk.Length, "the client could write 64 MiB to a server that stopped reading");
        Assert.True(received < written, $"server read {received} of {written} bytes");
        Assert.Equal("Established", _ps.Get<string>("(Get-TlsSession -Server $server).State.ToString()"));
    }

    [Fact]
    public void OutOfRangeLimitsAreRefused()
    {
        var error = _ps.RunExpectingError("Start-TlsServer -Port 0 -MaxHandshakeMessageSize 100");

        Assert.Equal("ParameterArgumentValidationError,TlsServer.PowerShell.Commands.StartTlsServerCommand", error.FullyQualifiedErrorId);
    }

    private static int ReadOrZero(Stream stream)
    {
        try
        {
            return stream.Read(new byte[16]);
        }
        catch (IOException)
        {
            return 0;
        }
    }


    public void Dispose() => _ps.Dispose();
}
