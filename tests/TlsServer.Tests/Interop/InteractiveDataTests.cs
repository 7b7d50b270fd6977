using System.Management.Automation;
using System.Security.Cryptography;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Interop;

/// <summary>Interactive mode with openssl s_client: Receive-TlsData sees what it sends, Send-TlsData reaches it.</summary>
public sealed class InteractiveDataTests : IDisposable
{
    /// <summary>ReceiveBuffer.DefaultCapacity in the engine: what one session may hold unread.</summary>
    private const int Capacity = 1024 * 1024;

    private readonly PowerShellSession _ps = new();

    [Fact]
    public void ReceiveTlsDataSeesWhatSClientSent()
    {
        int port = StartServer(string.Empty);
        using var client = PeerProcess.SClient(port);

        client.Write("hello from s_client\n");
        var text = _ps.Run("$session = Wait-TlsSession -Server $server -State Established -TimeoutSec 20; $session | Receive-TlsData -Wait -TimeoutSec 20");
        client.Write("second line\n");
        var second = _ps.Run("Receive-TlsData -Session $session -Wait -TimeoutSec 20");

        Assert.Equal("hello from s_client\n", text.Single().ToString());
        Assert.Equal("second line\n", second.Single().ToString());
        Assert.Empty(_ps.Run("$session | Receive-TlsData"));
    }

    [Fact]
    public void WhatAClientSentStaysReadableAfterItLeft()
    {
        int port = StartServer(string.Empty);

        var client = OpenSsl.Connect(port, "sent and gone\n");

        Assert.Equal(0, client.Process.ExitCode);
        var session = _ps.Run("$session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 20; $session").Single();
        Assert.Equal(14, (int)session.Properties["UnreadBytes"].Value);
        var bytes = (byte[])_ps.Run("$session | Receive-TlsData -AsByteStream").Single().BaseObject;
        Assert.Equal("sent and gone\n"u8.ToArray(), bytes);
        Assert.Empty(_ps.Run("$session | Receive-TlsData -Wait -TimeoutSec 5"));
        Assert.Empty(_ps.LastErrors);
    }

    [Fact]
    public void SendTlsDataReachesSClient()
    {
        int port = StartServer(string.Empty);
        using var client = PeerProcess.SClient(port, "-ign_eof");

        _ps.Run("$session = Wait-TlsSession -Server $server -State Established -TimeoutSec 20; $session | Send-TlsData 'text from the server'");
        _ps.Run("Send-TlsData -Session $session -Bytes ([byte[]](0, 1, 2, 255))");

        byte[] expected = [.. "text from the server"u8.ToArray(), 0, 1, 2, 255];
        Assert.True(client.WaitForOutput(expected.Length, TimeSpan.FromSeconds(20)), client.Error);
        Assert.Equal(expected, client.Output);
    }

    [Theory]
    [InlineData("-Crlf", "one\r\ntwo\r\nalready\r\n")]
    [InlineData("", "one\ntwo\nalready\r\n")]
    public void CrlfTurnsLineFeedsIntoCrlfOnTheWire(string crlf, string expected)
    {
        int port = StartServer(crlf);
        using var client = PeerProcess.SClient(port, "-ign_eof");

        var sent = _ps.Run("$session = Wait-TlsSession -Server $server -State Established -TimeoutSec 20; $session | Send-TlsData \"one`ntwo`nalready`r`n\" -PassThru").Single();

        Assert.True(client.WaitForOutput(expected.Length, TimeSpan.FromSeconds(20)), client.Error);
        Assert.Equal(expected, System.Text.Encoding.ASCII.GetString(client.Output));
        Assert.Equal("TlsServer.Engine.Session", sent.BaseObject.GetType().FullName);
    }

    [Fact]
    public async Task AFullBufferPausesReadingAndLosesNothing()
    {
        int port = StartServer(string.Empty);
        var data = new byte[24 * Capacity];
        Random.Shared.NextBytes(data);
        string file = Path.GetTempFileName();
        File.WriteAllBytes(file, data);
        try
        {
            using var client = PeerProcess.SClient(port, "-ign_eof");
            var feeding = client.FeedAsync(file);
            _ps.Run("$session = Wait-TlsSession -Server $server -State Established -TimeoutSec 20");

            // The buffer fills; from then on the connection may read at most one more chunk from the socket.
            Assert.True(WaitFor(() => Unread() >= Capacity - 32 * 1024), "the receive buffer never filled");
            var paused = Session();
            Assert.InRange((int)paused.Properties["UnreadBytes"].Value, 0, Capacity + 32 * 1024);
            Assert.InRange((long)paused.Properties["BytesReceived"].Value, 0, Capacity + 64 * 1024);

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long total = 0;
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (total < data.Length && DateTime.UtcNow < deadline)
            {
                Assert.InRange(Unread(), 0, Capacity + 32 * 1024);
                var chunk = _ps.Run("$session | Receive-TlsData -AsByteStream -Wait -TimeoutSec 20");
                foreach (var bytes in chunk.Select(o => (byte[])o.BaseObject))
                {
                    hash.AppendData(bytes);
                    total += bytes.Length;
                }
            }

            Assert.Equal(data.Length, total);
            Assert.Equal(SHA256.HashData(data), hash.GetHashAndReset());
            await feeding.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void ReceiveTimesOutWithAClearError()
    {
        int port = StartServer(string.Empty);
        using var client = PeerProcess.SClient(port, "-ign_eof");

        var error = _ps.RunExpectingError("$session = Wait-TlsSession -Server $server -State Established -TimeoutSec 20; $session | Receive-TlsData -TimeoutSec 1");

        Assert.Equal("ReceiveTimedOut,TlsServer.PowerShell.Commands.ReceiveTlsDataCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
    }

    [Fact]
    public void SendingToAnEndedSessionIsAClearError()
    {
        int port = StartServer(string.Empty);
        OpenSsl.Connect(port, "bye\n");

        var error = _ps.RunExpectingError("$session = Wait-TlsSession -Server $server -State Closed -TimeoutSec 20; $session | Send-TlsData 'too late'");

        Assert.Equal("SessionClosed,TlsServer.PowerShell.Commands.SendTlsDataCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
    }

    [Fact]
    public void ReceivingFromAnotherModeIsAClearError()
    {
        int port = _ps.Get<int>("$server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Www; $server.Port");
        Curl.Get($"https://127.0.0.1:{port}/");

        var error = _ps.RunExpectingError("Wait-TlsSession -Server $server -State Closed -TimeoutSec 20 | Receive-TlsData");

        Assert.Equal("SessionNotInteractive,TlsServer.PowerShell.Commands.ReceiveTlsDataCommand", error.FullyQualifiedErrorId);
        Assert.Contains("Www", error.Exception.Message);
    }

    private int StartServer(string options) =>
        _ps.Get<int>($"$server = Start-TlsServer -Port 0 -Address 127.0.0.1 {options}; $server.Port");

    private PSObject Session() => _ps.Run("Get-TlsSession -Server $server -Id $session.Id").Single();

    private int Unread() => (int)Session().Properties["UnreadBytes"].Value;

    private static bool WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            Thread.Sleep(50);
        }

        return true;
    }

    public void Dispose() => _ps.Dispose();
}
