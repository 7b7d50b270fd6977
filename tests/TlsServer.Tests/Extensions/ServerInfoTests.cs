using System.Management.Automation;
using System.Text;
using System.Text.RegularExpressions;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Extensions;

/// <summary>-ServerInfoPath against openssl s_client -serverinfo, which prints each extension it gets back as PEM.</summary>
public sealed class ServerInfoTests : IDisposable
{
    private readonly PowerShellSession _ps = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("tlsserver-serverinfo-").FullName;

    [Fact]
    public void EachExtensionIsEchoedToAClientThatSendsItsType()
    {
        var first = Extension(1000, "first serverinfo extension");
        var second = Extension(1001, "second");
        string file = Path.Combine(_directory, "serverinfo.pem");
        File.WriteAllText(file, Pem("SERVERINFO FOR first", first) + Pem("SERVERINFO FOR second", second));
        int port = _ps.Get<int>($"$server = Start-TlsServer -Port 0 -ServerInfoPath '{file}'; $server.Port");

        var client = OpenSsl.Run("s_client", "-connect", $"127.0.0.1:{port}", "-tls1_2", "-serverinfo", "1000");

        Assert.True(client.AllOutput.Contains("SERVERINFO FOR EXTENSION 1000"), client.AllOutput);
        Assert.Equal(Convert.ToBase64String(first), PemBody(client.AllOutput, "SERVERINFO FOR EXTENSION 1000"));
        Assert.DoesNotContain("SERVERINFO FOR EXTENSION 1001", client.AllOutput);
    }

    [Fact]
    public void NothingIsSentToAClientThatDoesNotAsk()
    {
        string file = Path.Combine(_directory, "serverinfo.pem");
        File.WriteAllText(file, Pem("SERVERINFO FOR first", Extension(1000, "data")));
        int port = _ps.Get<int>($"$server = Start-TlsServer -Port 0 -ServerInfoPath '{file}' -Msg; $server.Port");

        var client = OpenSsl.Run("s_client", "-connect", $"127.0.0.1:{port}", "-tls1_2");

        Assert.DoesNotContain("SERVERINFO", client.AllOutput);
        var summary = _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 10 | Get-TlsMessage -HandshakeType server_hello | ForEach-Object Summary").Single().ToString();
        Assert.DoesNotContain("unknown_1000", summary);
    }

    [Fact]
    public void AFileWithoutBlocksIsRefused()
    {
        string file = Path.Combine(_directory, "empty.pem");
        File.WriteAllText(file, "nothing here\n");

        var error = _ps.RunExpectingError($"Start-TlsServer -Port 0 -ServerInfoPath '{file}'");

        Assert.Equal("ServerInfoFileInvalid,TlsServer.PowerShell.Commands.StartTlsServerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
    }

    private static byte[] Extension(int type, string text)
    {
        var data = Encoding.ASCII.GetBytes(text);
        return new[] { (byte)(type >> 8), (byte)type, (byte)(data.Length >> 8), (byte)data.Length }.Concat(data).ToArray();
    }

    private static string Pem(string label, byte[] data) =>
        $"-----BEGIN {label}-----\n{Convert.ToBase64String(data, Base64FormattingOptions.InsertLineBreaks)}\n-----END {label}-----\n";

    private static string PemBody(string text, string label)
    {
        var match = Regex.Match(text, $"-----BEGIN {label}-----(.*?)-----END {label}-----", RegexOptions.Singleline);
        Assert.True(match.Success, text);
        return Regex.Replace(match.Groups[1].Value, @"\s", string.Empty);
    }

    public void Dispose()
    {
        _ps.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
