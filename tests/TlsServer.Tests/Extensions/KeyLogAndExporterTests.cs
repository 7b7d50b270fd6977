using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Extensions;

/// <summary>-KeyLogPath and -KeyingMaterialLabel checked against what openssl s_client writes and prints for the same connection.</summary>
public sealed class KeyLogAndExporterTests : IDisposable
{
    private readonly PowerShellSession _ps = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("tlsserver-keylog-").FullName;

    [Theory]
    [InlineData("-tls1_2", 1)]
    [InlineData("-tls1_3", 5)]
    public void KeyLogLinesAreTheSameAsSClientWrites(string version, int lineCount)
    {
        string server = Path.Combine(_directory, "server.keylog");
        string client = Path.Combine(_directory, "client.keylog");
        int port = StartServer($"-KeyLogPath '{server}'");

        var result = OpenSsl.Run("s_client", "-connect", $"127.0.0.1:{port}", version, "-keylogfile", client);

        Assert.Contains("CONNECTED", result.AllOutput);
        WaitForEndedSession();
        var expected = KeyLogLines(client);
        Assert.Equal(lineCount, expected.Count);
        Assert.Equal(expected, KeyLogLines(server));
    }

    [Fact]
    public void AKeyUpdateFromTheClientAddsTheNextTrafficSecret()
    {
        string server = Path.Combine(_directory, "server.keylog");
        int port = StartServer($"-KeyLogPath '{server}'");

        var result = ExternalProcess.Run("openssl", new[] { "s_client", "-connect", $"127.0.0.1:{port}", "-tls1_3", "-ciphersuites", "TLS_AES_256_GCM_SHA384" },
            "k\n", TimeSpan.FromSeconds(20));

        Assert.Contains("KEYUPDATE", result.AllOutput);
        WaitForEndedSession();
        var lines = KeyLogLines(server);
        byte[] secret0 = Secret(lines, "CLIENT_TRAFFIC_SECRET_0");
        Assert.Equal(HkdfExpandLabel(secret0, "traffic upd", 48), Secret(lines, "CLIENT_TRAFFIC_SECRET_1"));
    }

    [Fact]
    public void AnsweringUpdateRequestedAddsTheServersNextTrafficSecret()
    {
        string server = Path.Combine(_directory, "server.keylog");
        int port = StartServer($"-Www -KeyLogPath '{server}'");

        // 'K' asks the server to update too; it does so before its next record, the status page.
        using (var client = new BackgroundProcess("openssl", new[] { "s_client", "-connect", $"127.0.0.1:{port}", "-tls1_3", "-ciphersuites", "TLS_AES_256_GCM_SHA384" }))
        {
            client.WaitForOutput("^---$", TimeSpan.FromSeconds(10));
            client.Send("K\n");
            client.WaitForOutput("KEYUPDATE", TimeSpan.FromSeconds(10));
            client.Send("GET / HTTP/1.0\r\n\r\n");
            client.WaitForOutput("</html>", TimeSpan.FromSeconds(10));
        }

        _ps.Run("$null = Wait-TlsSession -Server $server -State Closed, Failed -TimeoutSec 10");
        var lines = KeyLogLines(server);
        Assert.Equal(HkdfExpandLabel(Secret(lines, "CLIENT_TRAFFIC_SECRET_0"), "traffic upd", 48), Secret(lines, "CLIENT_TRAFFIC_SECRET_1"));
        Assert.Equal(HkdfExpandLabel(Secret(lines, "SERVER_TRAFFIC_SECRET_0"), "traffic upd", 48), Secret(lines, "SERVER_TRAFFIC_SECRET_1"));
    }

    [Theory]
    [InlineData("-tls1_2")]
    [InlineData("-tls1_3")]
    public void KeyingMaterialIsWhatSClientExports(string version)
    {
        int port = StartServer("-KeyingMaterialLabel 'EXPORTER-TlsServer-test' -KeyingMaterialLength 32");

        var result = OpenSsl.Run("s_client", "-connect", $"127.0.0.1:{port}", version,
            "-keymatexport", "EXPORTER-TlsServer-test", "-keymatexportlen", "32");

        var printed = Regex.Match(result.AllOutput, @"Keying material: ([0-9A-F]+)");
        Assert.True(printed.Success, result.AllOutput);
        Assert.Equal(64, printed.Groups[1].Value.Length);
        Assert.Equal(printed.Groups[1].Value, WaitForEndedSession().Properties["KeyingMaterial"].Value);
    }

    private int StartServer(string arguments) => _ps.Get<int>($"$server = Start-TlsServer -Port 0 {arguments}; $server.Port");

    private System.Management.Automation.PSObject WaitForEndedSession()
    {
        var sessions = _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 10");
        Assert.Empty(_ps.LastErrors);
        return sessions.Single();
    }

    private static List<string> KeyLogLines(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).Order(StringComparer.Ordinal).ToList();

    private static byte[] Secret(List<string> lines, string label) =>
        Convert.FromHexString(lines.Single(l => l.StartsWith(label + " ", StringComparison.Ordinal)).Split(' ')[2]);

    /// <summary>RFC 8446 7.1 HKDF-Expand-Label with an empty context, over SHA-384.</summary>
    private static byte[] HkdfExpandLabel(byte[] secret, string label, int length)
    {
        var fullLabel = Encoding.ASCII.GetBytes("tls13 " + label);
        var info = new[] { (byte)(length >> 8), (byte)length, (byte)fullLabel.Length }.Concat(fullLabel).Append((byte)0).ToArray();
        return HKDF.Expand(HashAlgorithmName.SHA384, secret, length, info);
    }

    public void Dispose()
    {
        _ps.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
