using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Interop;

/// <summary>
/// The verification options that need certificates New-TlsCertificate does not make (certificate policies, an unknown
/// critical extension, a root with a broken self-signature), made here with the openssl command line.
/// </summary>
public sealed class PolicyAndExtensionTests : IDisposable
{
    private static readonly Lazy<string> Material = new(Make);
    private readonly PowerShellSession _ps = new();

    [Theory]
    [InlineData("policy", "@{}", "root.pem", 0)]
    [InlineData("policy", "@{ policy = '1.2.3.4'; explicit_policy = $true }", "root.pem", 0)]
    [InlineData("policy", "@{ policy = '1.2.3.5'; explicit_policy = $true }", "root.pem", 43)]
    [InlineData("policy", "@{ policy = '1.2.3.5', '1.2.3.4'; explicit_policy = $true; policy_check = $true }", "root.pem", 0)]
    [InlineData("critical", "@{}", "root.pem", 34)]
    [InlineData("critical", "@{ ignore_critical = $true }", "root.pem", 0)]
    [InlineData("policy", "@{}", "broken-root.pem", 0)]
    [InlineData("policy", "@{ check_ss_sig = $true }", "broken-root.pem", 7)]
    public void OptionChangesTheVerdict(string client, string options, string caFile, int code)
    {
        VerifyWith(client, options, caFile);

        Assert.Equal(code, _ps.Get<int>("$s.ClientVerifyResult.ErrorCode"));
    }

    [Fact]
    public void PolicyPrintRecordsTheValidPolicies()
    {
        VerifyWith("policy", "@{ policy_print = $true }", "root.pem");

        Assert.Contains("1.2.3.4", _ps.Run("$s.ClientVerifyResult.Policies").Select(p => p.ToString()));
    }

    private void VerifyWith(string client, string options, string caFile)
    {
        string dir = Material.Value;
        int port = _ps.Get<int>($"$server = Start-TlsServer -Port 0 -ClientCertificate Request -CAFile '{dir}/{caFile}' -VerifyOption {options}; $server.Port");

        var result = OpenSsl.Connect(port, null, "-cert", $"{dir}/{client}.pem", "-key", $"{dir}/{client}.key");

        Assert.True(result.Connected, result.Process.AllOutput);
        _ps.Run("$s = Wait-TlsSession -Server $server -State Established -TimeoutSec 15");
    }

    private static string Make()
    {
        string dir = Path.Combine(TestCredentials.Shared.Directory, "policy");
        Directory.CreateDirectory(dir);
        string P(string name) => Path.Combine(dir, name);
        OpenSsl.MustRun("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", P("root.key"),
            "-out", P("root.pem"), "-days", "2", "-subj", "/CN=Policy Root", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-addext", "certificatePolicies=2.5.29.32.0");
        foreach (var (name, extra) in new[] { ("policy", string.Empty), ("critical", "1.3.6.1.4.1.55555.1=critical,ASN1:NULL\n") })
        {
            File.WriteAllText(P(name + ".ext"),
                "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\ncertificatePolicies=1.2.3.4\n" + extra);
            OpenSsl.MustRun("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", P(name + ".key"),
                "-out", P(name + ".csr"), "-subj", "/CN=" + name);
            OpenSsl.MustRun("x509", "-req", "-in", P(name + ".csr"), "-CA", P("root.pem"), "-CAkey", P("root.key"), "-CAcreateserial",
                "-days", "2", "-extfile", P(name + ".ext"), "-out", P(name + ".pem"));
        }

        // The same root with one bit of its self-signature flipped: its key still verifies the clients.
        byte[] der = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(P("root.pem"))).RawData;
        der[^1] ^= 0x01;
        File.WriteAllText(P("broken-root.pem"), "-----BEGIN CERTIFICATE-----\n" + Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks) + "\n-----END CERTIFICATE-----\n");
        return dir;
    }

    public void Dispose() => _ps.Dispose();
}
