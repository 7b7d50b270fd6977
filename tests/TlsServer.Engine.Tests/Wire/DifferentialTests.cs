namespace TlsServer.Engine.Tests.Wire;

/// <summary>
/// The differential hostile-client harness: each input goes byte for byte to our server and to openssl s_server 3.0 with the
/// same certificate, and the answers (alert, first handshake message, encrypted records, close) must agree, or differ as
/// <see cref="AcceptedDifferences"/> says.
/// </summary>
[Collection(WireCollection.Name)]
public sealed class DifferentialTests
{
    private readonly WireServers _servers;

    public DifferentialTests(WireServers servers) => _servers = servers;

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in WireCases.All())
        {
            data.Add(c.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AnswersAsOpenSslDoes(string name)
    {
        var c = WireCases.All().Single(x => x.Name == name);
        var (ours, openssl) = _servers.Get(c.Configuration ?? WireConfiguration.Default);
        var replies = await Task.WhenAll(
            WireClient.ExchangeAsync(ours.Port, c.Bytes, c.KeepOpen),
            WireClient.ExchangeAsync(openssl.Port, c.Bytes, c.KeepOpen));
        AcceptedDifferences.Check(name, replies[0], replies[1], c.Expected, Detail(ours));
    }

    [Fact]
    public async Task APlaintextAlertAfterTheTls13ServerHelloIsTheClients()
    {
        var ours = _servers.Get(WireConfiguration.Default).Ours;
        long before = ours.GetSessions().Select(s => (long)s.Id).DefaultIfEmpty(0).Max();
        await AnswersAsOpenSslDoes(WireCases.PlaintextAlertAfterServerHello13);
        var ended = ours.WaitForSessions(s => s.Id > before && s.State != nameof(SessionState.Handshaking), 1, TimeSpan.FromSeconds(20), CancellationToken.None);
        var alert = Assert.Single(ended).Alert;
        Assert.NotNull(alert);
        Assert.Equal(("illegal_parameter", nameof(AlertDirection.Received)), (alert.Description, alert.Direction));
    }

    [Fact]
    public Task EveryCutOfATls13ClientHello() => EveryCut(ClientHelloBuilder.Tls13(), "TLS 1.3");

    [Fact]
    public Task EveryCutOfATls12ClientHello() => EveryCut(ClientHelloBuilder.Tls12(), "TLS 1.2");

    /// <summary>The ClientHello's body cut at every offset (a whole but short message), then the byte stream cut at every offset.</summary>
    private async Task EveryCut(ClientHelloBuilder hello, string version)
    {
        var (ours, openssl) = _servers.Get(WireConfiguration.Default);
        var failures = new List<string>();
        foreach (var (cut, bytes) in WireCases.BodyCuts(hello))
        {
            await Compare($"{version} ClientHello body cut to {cut} bytes", bytes);
        }

        var record = hello.Record();
        for (int cut = 1; cut < record.Length; cut++)
        {
            await Compare($"{version} ClientHello record cut after {cut} bytes", record[..cut]);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} differences:\n" + string.Join("\n", failures));

        async Task Compare(string name, byte[] bytes)
        {
            var replies = await Task.WhenAll(WireClient.ExchangeAsync(ours.Port, bytes), WireClient.ExchangeAsync(openssl.Port, bytes));
            try
            {
                AcceptedDifferences.Check(name, replies[0], replies[1], null, string.Empty);
            }
            catch (Xunit.Sdk.XunitException e)
            {
                failures.Add(e.Message);
            }
        }
    }

    internal static string Detail(Server ours)
    {
        var session = ours.GetSessions().OrderByDescending(s => s.Id).FirstOrDefault();
        return session is null ? string.Empty : $"Our session: {session.State}, alert {session.Alert}, error {session.Error}.";
    }
}
