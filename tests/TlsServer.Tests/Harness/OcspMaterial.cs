namespace TlsServer.Tests.Harness;

/// <summary>
/// A test CA, a server certificate whose AIA names a loopback OCSP responder, and that responder
/// (openssl ocsp -index … -port 0) running until Dispose.
/// </summary>
public sealed class OcspMaterial : IDisposable
{
    public const string Serial = "1001";
    public const string RevokedSerial = "1002";
    public const string NoAiaSerial = "1003";

    private readonly BackgroundProcess _responder;

    public OcspMaterial()
    {
        Directory = Path.Combine(Path.GetTempPath(), "tlsserver-ocsp-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(Directory);
        OpenSsl.MustRun("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", P("ca.key"),
            "-out", P("ca.crt"), "-days", "2", "-subj", "/CN=TlsServer Test OCSP CA",
            "-addext", "basicConstraints=critical,CA:true", "-addext", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature");
        string expiry = DateTime.UtcNow.AddDays(2).ToString("yyMMddHHmmss") + "Z";
        string revokedAt = DateTime.UtcNow.AddHours(-1).ToString("yyMMddHHmmss") + "Z";
        File.WriteAllText(P("index.txt"),
            $"V\t{expiry}\t\t{Serial}\tunknown\t/CN=localhost\n" +
            $"V\t{expiry}\t\t{NoAiaSerial}\tunknown\t/CN=noaia\n" +
            $"R\t{expiry}\t{revokedAt},keyCompromise\t{RevokedSerial}\tunknown\t/CN=revoked\n");
        _responder = new BackgroundProcess("openssl", new[]
        {
            "ocsp", "-index", P("index.txt"), "-port", "0", "-rsigner", P("ca.crt"), "-rkey", P("ca.key"), "-CA", P("ca.crt"), "-ndays", "1",
        });
        ResponderPort = int.Parse(_responder.WaitForOutput(@"ACCEPT .*:(\d+)", TimeSpan.FromSeconds(10)).Groups[1].Value);
        ResponderUrl = $"http://127.0.0.1:{ResponderPort}";
        Issue("leaf", Serial, ResponderUrl);
        Issue("revoked", RevokedSerial, ResponderUrl);
        Issue("noaia", NoAiaSerial, null);
    }

    public string Directory { get; }

    public int ResponderPort { get; }

    public string ResponderUrl { get; }

    public string P(string name) => Path.Combine(Directory, name);

    /// <summary>The certificate file with the issuer after the leaf, as stapling needs.</summary>
    public string Chain(string name) => P(name + "-chain.pem");

    public string Key(string name) => P(name + ".key");

    /// <summary>Asks the responder directly and saves the DER response, for -StatusFile.</summary>
    public string FetchResponse(string name)
    {
        string path = P(name + "-ocsp.der");
        OpenSsl.MustRun("ocsp", "-issuer", P("ca.crt"), "-cert", P(name + ".crt"), "-url", ResponderUrl, "-respout", path, "-noverify");
        return path;
    }

    public void Dispose()
    {
        _responder.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    private void Issue(string name, string serial, string? aia)
    {
        OpenSsl.MustRun("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", Key(name),
            "-out", P(name + ".csr"), "-subj", "/CN=localhost");
        File.WriteAllText(P(name + ".ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n" +
            (aia is null ? string.Empty : $"authorityInfoAccess=OCSP;URI:{aia}\n"));
        OpenSsl.MustRun("x509", "-req", "-in", P(name + ".csr"), "-CA", P("ca.crt"), "-CAkey", P("ca.key"), "-set_serial", "0x" + serial,
            "-days", "2", "-extfile", P(name + ".ext"), "-out", P(name + ".crt"));
        File.WriteAllText(Chain(name), File.ReadAllText(P(name + ".crt")) + File.ReadAllText(P("ca.crt")));
    }
}
