namespace TlsServer.Tests.Harness;

/// <summary>
/// Certificates and keys made by the openssl command line, in every form the server reads. Made once per test run.
/// </summary>
public sealed class TestCredentials : IDisposable
{
    public const string Password = "s3cret pass";

    private static readonly Lazy<TestCredentials> Lazy = new(() =>
    {
        var credentials = new TestCredentials();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => credentials.Dispose();
        return credentials;
    });

    /// <summary>One set per test run, shared by every test class.</summary>
    public static TestCredentials Shared => Lazy.Value;

    public TestCredentials()
    {
        Directory = Path.Combine(Path.GetTempPath(), "tlsserver-tests-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(Directory);
        string subject = "/CN=localhost";
        const string san = "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1";
        OpenSsl.MustRun("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", P("rsa.key"), "-out", P("rsa.crt"),
            "-days", "2", "-subj", subject, "-addext", san);
        OpenSsl.MustRun("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", P("ec.key"),
            "-out", P("ec.crt"), "-days", "2", "-subj", subject, "-addext", san);
        OpenSsl.MustRun("rsa", "-in", P("rsa.key"), "-traditional", "-out", P("rsa-pkcs1.key"));
        OpenSsl.MustRun("ec", "-in", P("ec.key"), "-out", P("ec-sec1.key"));
        OpenSsl.MustRun("pkcs8", "-topk8", "-in", P("rsa.key"), "-v2", "aes-256-cbc", "-passout", $"pass:{Password}", "-out", P("rsa-encrypted.key"));
        OpenSsl.MustRun("ec", "-in", P("ec.key"), "-aes256", "-passout", $"pass:{Password}", "-out", P("ec-legacy-encrypted.key"));
        OpenSsl.MustRun("pkcs12", "-export", "-in", P("rsa.crt"), "-inkey", P("rsa.key"), "-passout", $"pass:{Password}", "-out", P("rsa.pfx"));
        OpenSsl.MustRun("x509", "-in", P("ec.crt"), "-outform", "DER", "-out", P("ec.der"));
        OpenSsl.MustRun("pkey", "-in", P("ec.key"), "-outform", "DER", "-out", P("ec-key.der"));
        File.WriteAllText(P("rsa-combined.pem"), File.ReadAllText(P("rsa.crt")) + File.ReadAllText(P("rsa.key")));
    }

    public string Directory { get; }

    public string P(string name) => Path.Combine(Directory, name);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
