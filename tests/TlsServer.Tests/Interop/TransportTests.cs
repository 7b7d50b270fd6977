using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Interop;

/// <summary>Unix domain sockets (s_client -unix), IPv4-only and IPv6-only servers, and s_server's -accept forms.</summary>
public sealed class TransportTests : IDisposable
{
    private readonly PowerShellSession _ps = new();
    private readonly string _socketPath = Path.Combine(Path.GetTempPath(), $"tlsserver-{Guid.NewGuid():N}"[..22] + ".sock");

    [Fact]
    public void SClientConnectsOverAUnixSocketAndStopRemovesIt()
    {
        _ps.Run($"$server = Start-TlsServer -UnixSocket '{_socketPath}'");

        var client = new SClientResult(ExternalProcess.Run("openssl", new[] { "s_client", "-unix", _socketPath, "-brief" }, "over unix\n", TimeSpan.FromSeconds(20)));

        Assert.True(client.Connected, client.Process.AllOutput);
        var session = _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 10").Single();
        Assert.Equal(client.Cipher, session.Properties["CipherSuiteOpenSsl"].Value);
        Assert.Equal("Unix", _ps.Run("$server.Transport").Single().ToString());
        Assert.Equal(_socketPath, _ps.Run("$server.UnixSocket").Single().ToString());
        Assert.True(File.Exists(_socketPath));
        _ps.Run("$server | Stop-TlsServer");
        Assert.False(File.Exists(_socketPath));
    }

    [Fact]
    public void AnExistingPathNeedsUnlinkAndALiveSocketIsNeverTaken()
    {
        File.WriteAllText(_socketPath, string.Empty);

        var exists = _ps.RunExpectingError($"Start-TlsServer -UnixSocket '{_socketPath}'");
        _ps.Run($"$server = Start-TlsServer -UnixSocket '{_socketPath}' -Unlink");
        var inUse = _ps.RunExpectingError($"Start-TlsServer -UnixSocket '{_socketPath}' -Unlink");
        var client = new SClientResult(ExternalProcess.Run("openssl", new[] { "s_client", "-unix", _socketPath, "-brief" }, string.Empty, TimeSpan.FromSeconds(20)));

        Assert.Equal("UnixSocketPathExists,TlsServer.PowerShell.Commands.StartTlsServerCommand", exists.FullyQualifiedErrorId);
        Assert.Contains("-Unlink", exists.Exception.Message);
        Assert.Equal("UnixSocketInUse,TlsServer.PowerShell.Commands.StartTlsServerCommand", inUse.FullyQualifiedErrorId);
        Assert.True(client.Connected, client.Process.AllOutput);
    }

    [Theory]
    [InlineData("IPv4", "127.0.0.1", "[::1]")]
    [InlineData("IPv6", "[::1]", "127.0.0.1")]
    public void AFamilyOnlyServerRefusesTheOtherFamily(string family, string accepted, string refused)
    {
        int port = _ps.Get<int>($"$server = Start-TlsServer -Port 0 -AddressFamily {family}; $server.Port");

        var good = Connect($"{accepted}:{port}");
        var bad = Connect($"{refused}:{port}");

        Assert.True(good.Connected, good.Process.AllOutput);
        Assert.False(bad.Connected, bad.Process.AllOutput);
        Assert.Contains("errno=111", bad.Process.AllOutput); // connection refused
        _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 10");
        Assert.Equal(1L, _ps.Get<long>("$server.Statistics.ConnectionsAccepted"));
    }

    [Theory]
    [InlineData("127.0.0.1:0", "127.0.0.1", "127.0.0.1")]
    [InlineData("[::1]:0", "[::1]", "::1")]
    [InlineData("*:0", "127.0.0.1", "::")]
    [InlineData("localhost:0", "127.0.0.1", "127.0.0.1")]
    [InlineData("0", "[::1]", "::")]
    public void AcceptTakesSServerForms(string accept, string connectHost, string boundAddress)
    {
        int port = _ps.Get<int>($"$server = Start-TlsServer -Accept '{accept}'; $server.Port");

        var client = Connect($"{connectHost}:{port}");

        Assert.True(client.Connected, client.Process.AllOutput);
        Assert.Equal(boundAddress, _ps.Run("$server.Address").Single().ToString());
    }

    [Theory]
    [InlineData("-Accept 'nope'", "AcceptAddressInvalid")]
    [InlineData("-Accept '::1:4433'", "AcceptAddressInvalid")]
    [InlineData("-Accept '*:0' -Port 1", "ParameterConflict")]
    [InlineData("-Accept '*:0' -Address 127.0.0.1", "ParameterConflict")]
    [InlineData("-AddressFamily IPv6 -Address 127.0.0.1", "AddressFamilyMismatch")]
    [InlineData("-Unlink", "UnlinkNeedsUnixSocket")]
    [InlineData("-UnixSocket /tmp/a.sock -Address 127.0.0.1", "ParameterConflict")]
    public void WrongAddressesAreClearErrors(string arguments, string errorId)
    {
        var error = _ps.RunExpectingError($"Start-TlsServer {arguments}");

        Assert.Equal($"{errorId},TlsServer.PowerShell.Commands.StartTlsServerCommand", error.FullyQualifiedErrorId);
    }

    private static SClientResult Connect(string hostPort) =>
        new(ExternalProcess.Run("openssl", new[] { "s_client", "-connect", hostPort, "-brief" }, string.Empty, TimeSpan.FromSeconds(20)));

    public void Dispose()
    {
        _ps.Dispose();
        File.Delete(_socketPath);
    }
}
