using TlsServer.Engine.Transports;


namespace TlsServer.Engine.Tests;

public sealed class TransportOptionsTests
{
    [Theory]
    [InlineData("4433", null, 4433)]
    [InlineData("*:4433", null, 4433)]
    [InlineData(":4433", null, 4433)]
    [InlineData("localhost:443", "localhost", 443)]
    [InlineData("127.0.0.1:0", "127.0.0.1", 0)]
    [InlineData("[::1]:4433", "::1", 4433)]
    [InlineData("[*]:8443", null, 8443)]
    public void AcceptFormsOfSServer(string accept, string? host, int port) =>
        Assert.Equal((host, port), AcceptAddress.Parse(accept));

    [Theory]
    [InlineData("")]
    [InlineData("host:")]
    [InlineData("::1:4433")]
    [InlineData("[::1]4433")]
    [InlineData("host:70000")]
    [InlineData("host:-1")]
    public void MalformedAcceptIsRefused(string accept) =>
        Assert.Equal("AcceptAddressInvalid", Assert.Throws<TlsServerException>(() => AcceptAddress.Parse(accept)).ErrorId);

    public static TheoryData<ServerOptions, string> Conflicts() => new()
    {
        { new ServerOptions { Protocols = new[] { TlsProtocol.Dtls12, TlsProtocol.Tls12 } }, "DtlsWithTls" },
        { new ServerOptions { Dtls = true, Protocols = new[] { TlsProtocol.Tls12 } }, "DtlsWithTls" },
        { new ServerOptions { Listen = true }, "ListenNeedsDtls" },
        { new ServerOptions { Protocols = new[] { TlsProtocol.Dtls12 }, Mtu = 100 }, "MtuOutOfRange" },
        { new ServerOptions { Dtls = true, AssociationLimit = ServerLimits.AssociationLimit.Max + 1 }, "AssociationLimitOutOfRange" },
        { new ServerOptions { Unlink = true }, "UnlinkNeedsUnixSocket" },
        { new ServerOptions { Accept = "*:0", Address = "127.0.0.1" }, "AcceptConflict" },
        { new ServerOptions { Accept = "*:0", Port = 0 }, "AcceptConflict" },
        { new ServerOptions { Dtls = true, NonBlockingTest = true }, "StreamOptionsWithDtls" },
        { new ServerOptions { Dtls = true, UnixSocket = "/tmp/s" }, "UnixSocketDtls" },
        // Bug: -Mtu and -AssociationLimit on a TCP server were silently ignored.
        { new ServerOptions { Mtu = 1200 }, "DtlsOptionsWithoutDtls" },
        { new ServerOptions { AssociationLimit = 5 }, "DtlsOptionsWithoutDtls" },
        // Bug: an explicit -AddressFamily Any passed with a Unix socket (the check was != Any); -Port was ignored.
        { new ServerOptions { UnixSocket = "/tmp/s", AddressFamily = ListenAddressFamily.Any }, "UnixSocketWithAddress" },
        { new ServerOptions { UnixSocket = "/tmp/s", Port = 4433 }, "UnixSocketWithAddress" },
        { new ServerOptions { PreSharedKeys = new Dictionary<string, string> { ["id"] = "zz" } }, "PskNotHex" },
        { new ServerOptions { PreSharedKeys = new Dictionary<string, string> { [""] = "00" } }, "PskIdentityInvalid" },
        { new ServerOptions { PreSharedKeys = new Dictionary<string, string> { ["id"] = new string('0', 1026) } }, "PskTooLong" },
        // Bug: the PSK hint and SRP were checked against the versions named, not the ones served.
        { new ServerOptions { SrpVerifierPath = "/tmp/srpvfile", MinimumProtocol = TlsProtocol.Tls13 }, "SrpNeedsTls12" },
        {
            new ServerOptions
            {
                ExcludeProtocols = new[] { TlsProtocol.Tls12 }, PskIdentityHint = "hint",
                PreSharedKeys = new Dictionary<string, string> { ["id"] = "00112233" },
            },
            "PskIdentityHintNotInTls13"
        },
    };

    [Theory]
    [MemberData(nameof(Conflicts))]
    public void ConflictsAreRefusedBeforeBinding(ServerOptions options, string errorId) =>
        Assert.Equal(errorId, Assert.Throws<TlsServerException>(() => ServerConfig.Build(options)).ErrorId);
}
