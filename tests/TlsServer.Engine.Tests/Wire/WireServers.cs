using System.Diagnostics;

namespace TlsServer.Engine.Tests.Wire;

/// <summary>One configuration, served alike by our engine and by openssl s_server.</summary>
/// <param name="Name">The configuration's name, used by the cases.</param>
/// <param name="Extensions">Our server's extension options.</param>
/// <param name="OpenSsl">s_server's options beyond -accept, -cert and -key.</param>
internal sealed record WireConfiguration(string Name, ExtensionOptions Extensions, string[] OpenSsl)
{
    /// <summary>Both servers as they start, TLS 1.2 and 1.3 (s_server also allows older versions unless told).</summary>
    public static readonly WireConfiguration Default = new("default", new ExtensionOptions(), new[] { "-min_protocol", "TLSv1.2" });

    /// <summary>ALPN with h2 only.</summary>
    public static readonly WireConfiguration Alpn = new("alpn", new ExtensionOptions { Alpn = new[] { "h2" } },
        new[] { "-min_protocol", "TLSv1.2", "-alpn", "h2" });
}

/// <summary>
/// The servers of the differential harness, started once per test class: one RSA certificate made by openssl, and for each
/// configuration our server (through the engine API) and an openssl s_server. s_server serves one connection at a time,
/// so cases against it run one after another.
/// </summary>
public sealed class WireServers : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tlsserver-wire-").FullName;
    private readonly Dictionary<string, (TestServers Ours, OpenSslServer OpenSsl)> _pairs = new();
    private readonly object _gate = new();

    public WireServers()
    {
        CertificatePath = Path.Combine(_directory, "cert.pem");
        KeyPath = Path.Combine(_directory, "key.pem");
        var info = new ProcessStartInfo("openssl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", KeyPath, "-out", CertificatePath, "-days", "2", "-subj", "/CN=localhost" })
        {
            info.ArgumentList.Add(a);
        }

        using var openssl = Process.Start(info)!;
        openssl.StandardOutput.ReadToEnd();
        openssl.StandardError.ReadToEnd();
        if (!openssl.WaitForExit(60_000) || openssl.ExitCode != 0)
        {
            throw new InvalidOperationException("openssl req failed");
        }
    }

    public string CertificatePath { get; }

    public string KeyPath { get; }

    /// <summary>Our server's and s_server's ports for a configuration, started on first use.</summary>
    internal (Server Ours, OpenSslServer OpenSsl) Get(WireConfiguration configuration)
    {
        lock (_gate)
        {
            if (!_pairs.TryGetValue(configuration.Name, out var pair))
            {
                var options = new ServerOptions
                {
                    Address = "127.0.0.1", Port = 0, CertificatePath = CertificatePath, KeyPath = KeyPath,
                    HandshakeTimeout = TimeSpan.FromSeconds(30), Extensions = configuration.Extensions,
                };
                var ours = TestServers.Start(options);
                try
                {
                    pair = (ours, new OpenSslServer(new[] { "-cert", CertificatePath, "-key", KeyPath }.Concat(configuration.OpenSsl)));
                }
                catch
                {
                    ours.Dispose();
                    throw;
                }

                _pairs[configuration.Name] = pair;
            }

            return (pair.Ours.Server, pair.OpenSsl);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var (ours, openssl) in _pairs.Values)
            {
                ours.Dispose();
                openssl.Dispose();
            }

            _pairs.Clear();
        }

        Directory.Delete(_directory, recursive: true);
    }
}
