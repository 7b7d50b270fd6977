using System.Globalization;
using System.Text.RegularExpressions;

namespace TlsServer.Tests.Harness;

/// <summary>
/// A PKI New-TlsCertificate cannot express, made once per run with openssl x509 and openssl ca: intermediates with
/// certificatePolicies, policyMappings and policyConstraints, a cross-certificate, and base, delta, expired,
/// not-yet-valid and badly signed CRLs. <see cref="Verify"/> asks openssl verify for its verdict, the oracle.
/// </summary>
public sealed class OpenSslPki
{
    private const string Extensions = """
        [ca_any]
        basicConstraints=critical,CA:TRUE
        keyUsage=critical,keyCertSign,cRLSign
        certificatePolicies=2.5.29.32.0
        [ca_map]
        basicConstraints=critical,CA:TRUE
        keyUsage=critical,keyCertSign,cRLSign
        certificatePolicies=1.2.3.1
        policyMappings=critical,1.2.3.1:1.2.3.4
        [ca_req]
        basicConstraints=critical,CA:TRUE
        keyUsage=critical,keyCertSign,cRLSign
        certificatePolicies=1.2.3.1
        policyConstraints=critical,requireExplicitPolicy:0
        [ca_plain]
        basicConstraints=critical,CA:TRUE
        keyUsage=critical,keyCertSign,cRLSign
        [leaf_1234]
        basicConstraints=critical,CA:FALSE
        keyUsage=critical,digitalSignature
        extendedKeyUsage=clientAuth
        certificatePolicies=1.2.3.4
        [leaf_1231]
        basicConstraints=critical,CA:FALSE
        keyUsage=critical,digitalSignature
        extendedKeyUsage=clientAuth
        certificatePolicies=1.2.3.1
        [leaf]
        basicConstraints=critical,CA:FALSE
        keyUsage=critical,digitalSignature
        extendedKeyUsage=clientAuth
        """;

    private const string CaConfig = """
        [ca]
        default_ca = root
        [root]
        database = index.txt
        crlnumber = crlnumber
        certificate = root.pem
        private_key = root.key
        default_md = sha256
        default_crl_days = 1
        [base]
        authorityKeyIdentifier = keyid
        freshestCRL = URI:http://127.0.0.1/delta.crl
        [delta]
        authorityKeyIdentifier = keyid
        2.5.29.27 = critical,ASN1:INTEGER:1
        """;

    private static readonly Lazy<OpenSslPki> Lazy = new(() => new OpenSslPki());

    private OpenSslPki()
    {
        Directory = Path.Combine(TestCredentials.Shared.Directory, "openssl-pki");
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(P("ext.cnf"), Extensions);
        File.WriteAllText(P("ca.cnf"), CaConfig);
        File.WriteAllText(P("index.txt"), string.Empty);
        File.WriteAllText(P("crlnumber"), "01\n");

        SelfSigned("root", "/CN=OpenSsl Policy Root");
        SelfSigned("oldroot", "/CN=OpenSsl Old Root");
        foreach (var (name, section, leafSection) in new[]
        {
            ("any", "ca_any", "leaf_1234"), ("map", "ca_map", "leaf_1234"), ("req", "ca_req", "leaf_1234"), ("reqok", "ca_req", "leaf_1231"),
        })
        {
            if (!File.Exists(P($"int-{section}.pem")))
            {
                Issue($"int-{section}", "/CN=OpenSsl " + section, "root", section);
            }

            Issue(name, "/CN=" + name, $"int-{section}", leafSection);
            File.Copy(P($"int-{section}.pem"), P(name + "-chain.pem"), overwrite: true);
        }

        // The root's subject and key, certified by a root nobody trusts: a chain builder that looked at the
        // client's certificates first would end at oldroot.
        Request("root-again", "/CN=OpenSsl Policy Root", "root.key");
        Sign("cross", "root-again", "oldroot", "ca_plain");
        Issue("cross-leaf", "/CN=cross-leaf", "int-ca_any", "leaf");
        File.WriteAllText(P("cross-leaf-chain.pem"), File.ReadAllText(P("int-ca_any.pem")) + File.ReadAllText(P("cross.pem")) + File.ReadAllText(P("oldroot.pem")));

        Issue("crl-good", "/CN=crl-good", "root", "leaf");
        Issue("crl-revoked", "/CN=crl-revoked", "root", "leaf");
        var now = DateTime.UtcNow;
        Ca("-gencrl", "-crlexts", "base", "-out", P("base.crl"));
        Ca("-revoke", P("crl-revoked.pem"));
        // Older than the base, so OpenSSL without use_deltas does not take it for a complete CRL.
        Ca("-gencrl", "-crlexts", "delta", "-crl_lastupdate", Time(now.AddHours(-2)), "-out", P("delta.crl"));
        Ca("-gencrl", "-crl_lastupdate", Time(now.AddDays(-2)), "-crl_nextupdate", Time(now.AddDays(-1)), "-out", P("expired.crl"));
        Ca("-gencrl", "-crl_lastupdate", Time(now.AddDays(1)), "-crl_nextupdate", Time(now.AddDays(2)), "-out", P("future.crl"));
        Ca("-gencrl", "-out", P("current.crl"));
        byte[] der = Convert.FromBase64String(Regex.Replace(File.ReadAllText(P("current.crl")), "-----[^-]+-----|\\s", string.Empty));
        der[^1] ^= 0x01;
        File.WriteAllText(P("badsig.crl"), "-----BEGIN X509 CRL-----\n" + Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks) + "\n-----END X509 CRL-----\n");
    }

    public static OpenSslPki Shared => Lazy.Value;

    public string Directory { get; }

    public string P(string name) => Path.Combine(Directory, name);

    /// <summary>The client's intermediates, sent with -cert_chain; null when the root issued it directly.</summary>
    public string? ChainOf(string client) => File.Exists(P(client + "-chain.pem")) ? P(client + "-chain.pem") : null;

    /// <summary>openssl verify's first error code (0 for OK) for the client's certificate, trusting the root only.</summary>
    public int Verify(string client, IEnumerable<string> flags)
    {
        var arguments = new List<string> { "verify", "-CAfile", P("root.pem") };
        if (ChainOf(client) is { } chain)
        {
            arguments.AddRange(new[] { "-untrusted", chain });
        }

        // -CRLfile names a file of this PKI
        arguments.AddRange(flags.Select((f, i) => i > 0 && flags.ElementAt(i - 1) == "-CRLfile" ? P(f) : f));
        arguments.Add(P(client + ".pem"));
        var result = OpenSsl.Run(arguments.ToArray());
        var error = Regex.Match(result.AllOutput, @"error (\d+) at \d+ depth lookup");
        if (error.Success)
        {
            return int.Parse(error.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        return result.ExitCode == 0 && result.AllOutput.Contains(": OK")
            ? 0
            : throw new Xunit.Sdk.XunitException("openssl verify gave no verdict: " + result.AllOutput);
    }

    private static string Time(DateTime t) => t.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "Z";

    private void SelfSigned(string name, string subject)
    {
        NewKey(name);
        OpenSsl.MustRun("req", "-x509", "-new", "-key", P(name + ".key"), "-subj", subject, "-days", "2", "-out", P(name + ".pem"),
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    private void Issue(string name, string subject, string issuer, string section)
    {
        NewKey(name);
        Request(name, subject, name + ".key");
        Sign(name, name, issuer, section);
    }

    private void NewKey(string name) =>
        OpenSsl.MustRun("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", P(name + ".key"));

    private void Request(string name, string subject, string key) =>
        OpenSsl.MustRun("req", "-new", "-key", P(key), "-subj", subject, "-out", P(name + ".csr"));

    private void Sign(string name, string request, string issuer, string section) =>
        OpenSsl.MustRun("x509", "-req", "-in", P(request + ".csr"), "-CA", P(issuer + ".pem"), "-CAkey", P(issuer + ".key"),
            "-set_serial", "0x" + Convert.ToHexString(Guid.NewGuid().ToByteArray()[..8]), "-days", "2",
            "-extfile", P("ext.cnf"), "-extensions", section, "-out", P(name + ".pem"));

    /// <summary>openssl ca runs in the PKI's directory: its config names the database and files relatively.</summary>
    private void Ca(params string[] arguments)
    {
        var all = new List<string> { "ca", "-config", P("ca.cnf"), "-batch" };
        all.AddRange(arguments);
        var result = ExternalProcess.Run("openssl", all, string.Empty, TimeSpan.FromSeconds(30), workingDirectory: Directory);
        if (result.ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException($"openssl {string.Join(' ', all)} failed: {result.AllOutput}");
        }
    }
}
