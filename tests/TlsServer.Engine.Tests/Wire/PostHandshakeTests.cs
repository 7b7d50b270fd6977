using Org.BouncyCastle.Tls;
using static TlsServer.Engine.Tests.Wire.WireBytes;

namespace TlsServer.Engine.Tests.Wire;

/// <summary>
/// The differential harness with a real client that holds keys: what it says wrong under encryption (TLS 1.3 framing,
/// empty and odd records, short messages) and 0-RTT data the server does not accept, against our server and s_server.
/// </summary>
[Collection(WireCollection.Name)]
public sealed class PostHandshakeTests
{
    private static readonly ProtocolVersion Tls13 = ProtocolVersion.TLSv13;
    private readonly WireServers _servers;

    public PostHandshakeTests(WireServers servers) => _servers = servers;

    /// <summary>Each case: the version, what happens during the handshake, what the client sends after it, what our server must answer.</summary>
    private static readonly Dictionary<string, Script> Scripts = new()
    {
        ["KeyUpdate split by an application data record (item 12)"] = new(Tls13, After: async c =>
        {
            await c.SendRecordAsync(ContentType.handshake, Hex("18 00"));
            await c.SendRecordAsync(ContentType.application_data, U8(0x41));
            await c.SendRecordAsync(ContentType.handshake, Hex("00 01 00"));
        }, Expected: WireCases.UnexpectedMessage),
        ["KeyUpdate and more handshake data in one record (item 12)"] = new(Tls13, After: c =>
            c.SendRecordAsync(ContentType.handshake, Hex("18 000001 00 18 00")), Expected: WireCases.UnexpectedMessage),
        ["two KeyUpdates in one record (item 12)"] = new(Tls13, After: c =>
            c.SendRecordAsync(ContentType.handshake, Hex("18 000001 00 18 000001 00")), Expected: WireCases.UnexpectedMessage),
        ["empty TLS 1.3 alert record (item 8)"] = new(Tls13, After: c => c.SendRawRecordAsync(ContentType.alert, Array.Empty<byte>()), Expected: WireCases.UnexpectedMessage),
        ["empty TLS 1.3 handshake record"] = new(Tls13, After: c => c.SendRawRecordAsync(ContentType.handshake, Array.Empty<byte>()), Expected: WireCases.UnexpectedMessage),
        ["empty TLS 1.3 application data record"] = new(Tls13, After: async c =>
        {
            await c.SendRawRecordAsync(ContentType.application_data, Array.Empty<byte>());
            await c.SendRawRecordAsync(ContentType.alert, Hex("01 00"));
        }, Expected: "close_notify"),
        ["TLS 1.3 alert record of three bytes"] = new(Tls13, After: c => c.SendRecordAsync(ContentType.alert, Hex("01 00 00")), Expected: WireCases.UnexpectedMessage),
        ["two alerts in one TLS 1.3 record"] = new(Tls13, After: c => c.SendRecordAsync(ContentType.alert, Hex("01 5a 01 00")), Expected: WireCases.UnexpectedMessage),
        ["KeyUpdate with an empty body (item 2)"] = new(Tls13, After: c => c.SendRecordAsync(ContentType.handshake, Hex("18 000000")), Expected: WireCases.DecodeError),
        ["KeyUpdate with an unknown request (item 2)"] = new(Tls13, After: c => c.SendRecordAsync(ContentType.handshake, Hex("18 000001 05")), Expected: WireCases.IllegalParameter),
        ["KeyUpdate asking for the server's"] = new(Tls13, After: async c =>
        {
            await c.UpdateKeysAsync(requestPeerUpdate: true);
            await c.SendRecordAsync(ContentType.alert, Hex("01 00"));
        }, Expected: "close_notify"),
        ["TLS 1.3 Finished cut short (item 2)"] = new(Tls13, TruncateFinished: true, Expected: WireCases.DecodeError),
        ["TLS 1.2 Finished cut short (item 2)"] = new(ProtocolVersion.TLSv12, TruncateFinished: true, Expected: WireCases.DecodeError),
        ["rejected 0-RTT data is skipped (item 15)"] = new(Tls13, OfferEarlyData: true,
            AfterClientHello: Concat(Record(ApplicationData, Filler(200), 0x0303), Record(ApplicationData, Filler(300), 0x0303)), Expected: "close_notify"),
        ["rejected 0-RTT data beyond 16 KiB (item 15)"] = new(Tls13, OfferEarlyData: true,
            AfterClientHello: Enumerable.Range(0, 20).SelectMany(_ => Record(ApplicationData, Filler(1000), 0x0303)).ToArray(), Expected: WireCases.UnexpectedMessage),
        ["two ChangeCipherSpec records in TLS 1.3"] = new(Tls13, AfterClientHello: Concat(ChangeCipherSpecs(2, 0x0303)), Expected: "close_notify"),
        ["33 ChangeCipherSpec records in TLS 1.3 (item 8)"] = new(Tls13, AfterClientHello: Concat(ChangeCipherSpecs(33, 0x0303)), Expected: WireCases.UnexpectedMessage),
        ["ChangeCipherSpec of record version 0x0301 in TLS 1.3"] = new(Tls13, AfterClientHello: Concat(ChangeCipherSpecs(1, 0x0301))),
    };

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in Scripts.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AnswersAsOpenSslDoes(string name)
    {
        var script = Scripts[name];
        var (ours, openssl) = _servers.Get(WireConfiguration.Default);
        var outcomes = await Task.WhenAll(Run(script, ours.Port), Run(script, openssl.Port));
        AcceptedDifferences.Check(name, outcomes[0], outcomes[1], script.Expected, DifferentialTests.Detail(ours));
    }

    /// <summary>The handshake's failure, or what the server answered to the records after it (a close_notify if nothing else).</summary>
    private static async Task<string> Run(Script script, int port)
    {
        var (client, failure) = await ScriptedTlsClient.ConnectAsync(port, script.Version, script.AfterClientHello, script.OfferEarlyData, script.TruncateFinished);
        using (client)
        {
            if (failure is not null)
            {
                return failure;
            }

            if (script.After is not null)
            {
                await script.After(client);
            }

            return script.After is null && !script.TruncateFinished ? await client.CloseAsync() : await client.ReadOutcomeAsync();
        }
    }

    private static byte[][] ChangeCipherSpecs(int count, int version) =>
        Enumerable.Repeat(Record(WireBytes.ChangeCipherSpec, U8(1), version), count).ToArray();

    private static byte[] Filler(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 7 + 3)).ToArray();

    private sealed record Script(ProtocolVersion Version, Func<ScriptedTlsClient, Task>? After = null, string? Expected = null,
        byte[]? AfterClientHello = null, bool OfferEarlyData = false, bool TruncateFinished = false);
}
