using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Extensions;

public sealed class ExtensionProbeTests : IDisposable
{
    private readonly PowerShellSession _ps = new();

    [Fact]
    public void Probe()
    {
        var dir = Path.Combine(Path.GetTempPath(), "probe8");
        Directory.CreateDirectory(dir);
        File.Delete(Path.Combine(dir, "srv.keylog"));
        File.Delete(Path.Combine(dir, "cli.keylog"));
        int port = _ps.Get<int>($"$server = Start-TlsServer -Port 0 -Alpn h2,http/1.1 -Msg -KeyLogPath '{dir}/srv.keylog' -KeyingMaterialLabel EXPORTER-test -TlsExtDebug; $server.Port");
        var r = ExternalProcess.Run("openssl", new[] { "s_client", "-connect", $"127.0.0.1:{port}", "-alpn", "http/1.1,h2", "-keylogfile", $"{dir}/cli.keylog", "-keymatexport", "EXPORTER-test", "-tls1_3" }, "", TimeSpan.FromSeconds(20));
        var lines = _ps.Run("""
            $sess = Wait-TlsSession -Server $server -State Closed -TimeoutSec 10
            "ALPN=$($sess.ApplicationProtocol) KM=$($sess.KeyingMaterial) JA3=$($sess.ClientHello.Ja3) JA4=$($sess.ClientHello.Ja4)"
            "state=$($sess.State) err=$($sess.Error) count=$($sess.MessageCount) exts=$($sess.ClientExtensions.Count)"
            foreach ($m in Get-TlsMessage $sess) { $m.ToString() }
            $sess.ClientHello.ToExtensionText()
            (Get-TlsMessage $sess -AsText)[1]
            """);
        var text = string.Join("\n", lines.Select(l => l.ToString())) + "\n" + string.Join("\n", _ps.LastErrors) + "\nCLIENT:\n" + r.AllOutput;
        File.WriteAllText(Path.Combine(dir, "out.txt"), text);
    }

    public void Dispose() => _ps.Dispose();
}
