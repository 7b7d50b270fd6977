using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Interop;

/// <summary>openssl s_client against -Reverse (s_server -rev): each line comes back reversed; CLOSE ends it.</summary>
public sealed class OpenSslReverseTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    [Theory]
    [InlineData("-tls1_2")]
    [InlineData("-tls1_3")]
    public void EachLineComesBackReversed(string version)
    {
        int port = StartServer();

        var client = OpenSsl.Connect(port, "hello world\nabc\r\nracecar\n\n12345\nCLOSE\nnever answered\n", "-quiet", "-ign_eof", version);

        Assert.Equal("dlrow olleh\ncba\nracecar\n\n54321\n", client.Process.StandardOutput.Replace("\r", string.Empty));
        var session = _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 10").Single();
        Assert.Equal("Closed", session.Properties["State"].Value.ToString());
        Assert.Equal("the client sent CLOSE", session.Properties["Error"].Value);
    }

    [Fact]
    public void Utf8TextIsReversedByCharacter()
    {
        int port = StartServer();

        var client = OpenSsl.Connect(port, "naïve café\nCLOSE\n", "-quiet", "-ign_eof");

        Assert.Equal("éfac evïan\n", client.Process.StandardOutput);
    }

    [Fact]
    public void ALineLongerThanTheBufferComesBackInPieces()
    {
        int port = StartServer();
        string line = new string('a', 16 * 1024) + "bc";

        var client = OpenSsl.Connect(port, line + "\nCLOSE\n", "-quiet", "-ign_eof");

        Assert.Equal(new string('a', 16 * 1024) + "\ncb\n", client.Process.StandardOutput.Replace("\r", string.Empty));
    }

    [Fact]
    public void AClientThatClosesRightAfterItsLineEndsCleanly()
    {
        int port = StartServer();

        var client = OpenSsl.Connect(port, "abc\n", "-no_ign_eof");

        Assert.True(client.Connected, client.Process.AllOutput);
        var session = _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 10").Single();
        Assert.Equal("Closed", session.Properties["State"].Value.ToString());
    }

    private int StartServer() =>
        _ps.Get<int>("$server = Start-TlsServer -Port 0 -Address 127.0.0.1 -Reverse; $server.Port");

    public void Dispose() => _ps.Dispose();
}
