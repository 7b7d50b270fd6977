using TlsServer.Engine.Connections;

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
        { new ServerOptions { Port = 0, Protocols = new[] { TlsProtocol.Dtls12, TlsProtocol.Tls12 } }, "DtlsWithTls" },
        { new ServerOptions { Port = 0, Listen = true }, "ListenNeedsDtls" },
        { new ServerOptions { Port = 0, Protocols = new[] { TlsProtocol.Dtls12 }, Mtu = 100 }, "MtuOutOfRange" },
        { new ServerOptions { Port = 0, Unlink = true }, "UnlinkNeedsUnixSocket" },
        { new ServerOptions { Port = 0, Accept = "*:0", Address = "127.0.0.1" }, "AcceptConflict" },
        { new ServerOptions { Port = 0, PreSharedKeys = new Dictionary<string, string> { ["id"] = "zz" } }, "PskNotHex" },
        { new ServerOptions { Port = 0, PreSharedKeys = new Dictionary<string, string> { [""] = "00" } }, "PskIdentityInvalid" },
        { new ServerOptions { Port = 0, PreSharedKeys = new Dictionary<string, string> { ["id"] = new string('0', 1026) } }, "PskTooLong" },
    };

    [Theory]
    [MemberData(nameof(Conflicts))]
    public void ConflictsAreRefusedBeforeBinding(ServerOptions options, string errorId) =>
        Assert.Equal(errorId, Assert.Throws<TlsServerException>(() => Server.Start(options)).ErrorId);
}
