using System.Text;
using Org.BouncyCastle.Tls;

namespace TlsServer.Engine.Tests.Wire;

/// <summary>
/// Application data after the handshake, which the server seals and opens beside BouncyCastle's record layer: many
/// records in one write with KeyUpdates between them, and records cut across writes at every kind of boundary, under
/// each AEAD cipher of TLS 1.2 and 1.3. A -Reverse server answers each line, so both directions are checked byte for
/// byte, and the client's record layer checks every sequence number and key.
/// </summary>
public sealed class ApplicationRecordTests
{
    private const int Lines = 24;

    public static TheoryData<string, int> Suites() => new()
    {
        { "1.3", CipherSuite.TLS_AES_128_GCM_SHA256 },
        { "1.3", CipherSuite.TLS_AES_256_GCM_SHA384 },
        { "1.3", CipherSuite.TLS_CHACHA20_POLY1305_SHA256 },
        { "1.2", CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 },
        { "1.2", CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 },
    };

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task RecordsInOneWriteAroundKeyUpdates(string version, int suite)
    {
        using var server = TestServers.Start(new ServerOptions { Address = "127.0.0.1", Port = 0, Mode = ServerMode.Reverse });
        using var client = await ConnectAsync(server, version, suite);
        bool tls13 = version == "1.3";
        for (int i = 0; i < Lines; i++)
        {
            if (tls13 && i is Lines / 3 or 2 * Lines / 3)
            {
                client.QueueKeyUpdate(requestPeerUpdate: i == Lines / 3);
            }

            client.Queue(ContentType.application_data, Line(i));
        }

        await client.SendQueuedAsync();
        Assert.Equal(ExpectedReply(), Encoding.ASCII.GetString(await client.ReadApplicationDataAsync(ExpectedReply().Length)));
        Assert.Equal("close_notify", await client.CloseAsync());
        var session = Assert.Single(server.Server.WaitForSessions(s => s.State == nameof(SessionState.Closed), 1, TimeSpan.FromSeconds(20), CancellationToken.None));
        Assert.Equal((tls13 ? 2 : 0, tls13 ? 1 : 0), (session.KeyUpdatesReceived, session.KeyUpdatesSent));
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task RecordsCutAcrossWrites(string version, int suite)
    {
        using var server = TestServers.Start(new ServerOptions { Address = "127.0.0.1", Port = 0, Mode = ServerMode.Reverse });
        using var client = await ConnectAsync(server, version, suite);
        for (int i = 0; i < Lines; i++)
        {
            client.Queue(ContentType.application_data, Line(i));
        }

        // Inside the first header, inside a payload, at a record's end, inside the next header, and in the middle of the run.
        await client.SendQueuedAsync(2, 40, 150, 153, 1000, 1001, 2500);
        Assert.Equal(ExpectedReply(), Encoding.ASCII.GetString(await client.ReadApplicationDataAsync(ExpectedReply().Length)));
        Assert.Equal("close_notify", await client.CloseAsync());
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task ACorruptRecordAfterGoodOnesIsBadRecordMac(string version, int suite)
    {
        using var server = TestServers.Start(new ServerOptions { Address = "127.0.0.1", Port = 0, Mode = ServerMode.Reverse });
        using var client = await ConnectAsync(server, version, suite);
        for (int i = 0; i < 3; i++)
        {
            client.Queue(ContentType.application_data, Line(i));
        }

        var good = client.TakeQueued();
        client.Queue(ContentType.application_data, Line(3));
        var corrupt = client.TakeQueued();
        corrupt[^1] ^= 1;
        await client.SendAsync([.. good, .. corrupt]);
        Assert.Equal("fatal bad_record_mac", await client.ReadOutcomeAsync());
        var session = Assert.Single(server.Server.WaitForSessions(s => s.State == nameof(SessionState.Failed), 1, TimeSpan.FromSeconds(20), CancellationToken.None));
        Assert.Equal(("bad_record_mac", nameof(AlertDirection.Sent)), (session.Alert?.Description, session.Alert?.Direction));
    }

    private static async Task<ScriptedTlsClient> ConnectAsync(TestServers server, string version, int suite)
    {
        var (client, failure) = await ScriptedTlsClient.ConnectAsync(server.Server.Port,
            version == "1.3" ? ProtocolVersion.TLSv13 : ProtocolVersion.TLSv12, cipherSuites: new[] { suite });
        Assert.Null(failure);
        return client;
    }

    /// <summary>Line i: a run of letters of a length that moves record boundaries around, ended by LF.</summary>
    private static byte[] Line(int i) =>
        Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 37 + (i * 53 % 301)).Select(j => (char)('a' + ((i + j) % 26)))) + "\n");

    private static string ExpectedReply() =>
        string.Concat(Enumerable.Range(0, Lines).Select(i => new string(Encoding.ASCII.GetString(Line(i)).TrimEnd('\n').Reverse().ToArray()) + "\n"));
}
