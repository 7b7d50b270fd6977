using System.Net;
using System.Net.Sockets;

namespace TlsServer.Engine.Tests;

/// <summary>
/// Spoofed ClientHello floods against a DTLS server: with -Listen they get a stateless HelloVerifyRequest and no
/// association; without it each opens one, up to AssociationLimit, and the handshake timeout ends them.
/// </summary>
[Collection(ProcessMemoryCollection.Name)]
public sealed class DtlsAssociationTests
{
    private const int Flood = 200;

    [Fact]
    public void WithListenASpoofedFloodKeepsNoState()
    {
        using var host = TestServers.Start(Options(listen: true));
        var server = host.Server;
        long before = GC.GetTotalMemory(forceFullCollection: true);

        var replies = SendFlood(server.Port, Flood);

        Assert.Equal(Flood, replies.Count(IsHelloVerifyRequest));
        Assert.True(WaitFor(() => server.Statistics.HelloVerifyRequests == Flood));
        var stats = server.Statistics;
        Assert.Equal(0, stats.ConnectionsAccepted);
        Assert.Equal(0, stats.ActiveConnections);
        Assert.Equal(0, stats.AssociationsRefused);
        Assert.Empty(server.GetSessions());
        long after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(after - before < 1024 * 1024, $"managed memory grew by {after - before} bytes");
    }

    [Fact]
    public void WithoutListenAFloodOpensAssociationsOnlyUpToTheLimitAndTheyTimeOut()
    {
        using var host = TestServers.Start(Options(listen: false, associationLimit: 5, handshakeTimeout: TimeSpan.FromSeconds(2)));
        var server = host.Server;

        SendFlood(server.Port, 20);

        Assert.True(WaitFor(() => server.Statistics.AssociationsRefused == 15));
        Assert.Equal(5, server.Statistics.ConnectionsAccepted);
        Assert.True(WaitFor(() => server.Statistics.HandshakeTimeouts == 5 && server.Statistics.ActiveConnections == 0));
        Assert.All(server.GetSessions(), s => Assert.Equal(nameof(SessionState.Failed), s.State));
    }

    [Fact]
    public void DatagramsThatAreNotClientHellosFromUnknownEndpointsAreDropped()
    {
        using var host = TestServers.Start(Options(listen: false));
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        client.Send(new byte[] { 23, 0xFE, 0xFD, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0 }, new IPEndPoint(IPAddress.Loopback, host.Server.Port));

        Assert.True(WaitFor(() => host.Server.Statistics.DatagramsDropped == 1));
        Assert.Equal(0, host.Server.Statistics.ConnectionsAccepted);
    }

    private static ServerOptions Options(bool listen, int associationLimit = ServerLimits.AssociationLimit.Default, TimeSpan? handshakeTimeout = null) => new()
    {
        Address = "127.0.0.1",
        Port = 0,
        Protocols = new[] { TlsProtocol.Dtls12 },
        Listen = listen,
        AssociationLimit = associationLimit,
        HandshakeTimeout = handshakeTimeout ?? TimeSpan.FromSeconds(ServerLimits.HandshakeTimeoutSec.Default),
    };

    /// <summary>Each ClientHello from its own source port, as spoofed sources would be; returns the first reply to each.</summary>
    private static List<byte[]> SendFlood(int port, int count)
    {
        var target = new IPEndPoint(IPAddress.Loopback, port);
        var clients = Enumerable.Range(0, count).Select(_ => new UdpClient(new IPEndPoint(IPAddress.Loopback, 0))).ToList();
        try
        {
            foreach (var client in clients)
            {
                client.Send(DtlsClientHellos.WithoutCookie(), target);
            }

            var replies = new List<byte[]>();
            foreach (var client in clients)
            {
                client.Client.ReceiveTimeout = 2000;
                try
                {
                    IPEndPoint? from = null;
                    replies.Add(client.Receive(ref from));
                }
                catch (SocketException)
                {
                    // no answer to this one
                }
            }

            return replies;
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private static bool IsHelloVerifyRequest(byte[] datagram) => datagram.Length > 13 && datagram[0] == 22 && datagram[13] == 3;

    private static bool WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
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
}
