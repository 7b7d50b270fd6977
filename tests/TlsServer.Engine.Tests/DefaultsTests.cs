using System.Diagnostics;
using System.Text.RegularExpressions;
using Org.BouncyCastle.Tls;
using TlsServer.Engine.CipherSuites;
using TlsServer.Engine.Engines.BouncyCastle;
using TlsServer.Engine.Registry;

namespace TlsServer.Engine.Tests;

/// <summary>The server's defaults are OpenSSL 3's, read from the openssl on this machine (item 18).</summary>
public sealed class DefaultsTests
{
    [Fact]
    public void TheDefaultSuitesAreOpenSslsDefaultLessWhatTheEngineCannotDo()
    {
        var openssl = OpenSsl("ciphers", "DEFAULT").Trim().Split(':');
        var ours = TlsCipherSuite.Expand(null, null, out _).Select(s => s.OpenSslName ?? s.IanaName).ToArray();

        var cannot = openssl.Except(ours).ToArray();
        Assert.All(cannot, name => Assert.NotNull(BouncyCastleSuites.Instance.CannotServe(CipherString.Expand(name).Suites.Single())));
        Assert.Equal(openssl.Except(cannot), ours);
    }

    [Fact]
    public async Task TheDefaultGroupsAreOpenSslsInItsOrder()
    {
        // openssl s_client offers OpenSSL's default groups; a listener that reads its ClientHello and hangs up is enough.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var accept = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync();
            await socket.ReceiveAsync(new byte[4096]);
        });
        string trace = OpenSsl("s_client", "-connect", $"127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}", "-trace");
        await accept.WaitAsync(TimeSpan.FromSeconds(30));

        var block = Regex.Match(trace, @"supported_groups\(10\).*?\n((?:\s+[^\n]*\(\d+\)\n)+)").Groups[1].Value;
        var theirs = Regex.Matches(block, @"\((\d+)\)\n").Select(m => int.Parse(m.Groups[1].Value)).ToArray();
        Assert.Contains(NamedGroup.ffdhe8192, theirs);
        Assert.Equal(theirs, DefaultGroups.All);
    }

    private static string OpenSsl(params string[] arguments)
    {
        var info = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(30_000), "openssl did not finish");
        return output.Result + error.Result;
    }
}
