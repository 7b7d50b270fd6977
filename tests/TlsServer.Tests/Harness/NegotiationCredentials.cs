namespace TlsServer.Tests.Harness;

/// <summary>
/// Credentials for negotiation tests, made once by the openssl command line: a CA with an RSA leaf (for chains),
/// certificates for two SNI names, a DSA certificate and DH parameters.
/// </summary>
public sealed class NegotiationCredentials
{
    private static readonly Lazy<NegotiationCredentials> Lazy = new(() => new NegotiationCredentials());

    public static NegotiationCredentials Shared => Lazy.Value;

    private NegotiationCredentials()
    {
        Directory = Path.Combine(TestCredentials.Shared.Directory, "negotiation");
        System.IO.Directory.CreateDirectory(Directory);
        OpenSsl.MustRun("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", P("ca.key"),
            "-out", P("ca.crt"), "-days", "2", "-subj", "/CN=Test CA", "-addext", "basicConstraints=critical,CA:true");
        OpenSsl.MustRun("req", "-newkey", "rsa:2048", "-nodes", "-keyout", P("leaf.key"), "-out", P("leaf.csr"), "-subj", "/CN=localhost");
        File.WriteAllText(P("leaf.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        OpenSsl.MustRun("x509", "-req", "-in", P("leaf.csr"), "-CA", P("ca.crt"), "-CAkey", P("ca.key"), "-CAcreateserial",
            "-out", P("leaf.crt"), "-days", "2", "-extfile", P("leaf.ext"));
        foreach (var name in new[] { "a.test", "b.test" })
        {
            OpenSsl.MustRun("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", P(name + ".key"),
                "-out", P(name + ".crt"), "-days", "2", "-subj", "/CN=" + name, "-addext", "subjectAltName=DNS:" + name);
        }

        OpenSsl.MustRun("genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt", "pbits:2048", "-out", P("dsa-params.pem"));
        OpenSsl.MustRun("req", "-x509", "-newkey", "param:" + P("dsa-params.pem"), "-nodes", "-keyout", P("dsa.key"),
            "-out", P("dsa.crt"), "-days", "2", "-subj", "/CN=localhost");
        OpenSsl.MustRun("genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "group:ffdhe2048", "-out", P("dh.pem"));
    }

    public string Directory { get; }

    public string P(string name) => Path.Combine(Directory, name);
}
