using System.Management.Automation;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Interop;

/// <summary>Trust anchors and CRLs from -CAPath (made by openssl rehash), -CrlPath, -CrlCheckAll and -NoCAFile/-NoCAPath.</summary>
public sealed class TrustStoreTests : IDisposable
{
    private const string Command = "TlsServer.PowerShell.Commands.StartTlsServerCommand";
    private readonly PowerShellSession _ps = new();
    private readonly TestPki _pki = TestPki.Shared;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tlsserver-capath-" + Guid.NewGuid().ToString("N")[..8]);

    public TrustStoreTests() => Directory.CreateDirectory(_dir);

    [Fact]
    public void CAPathMadeByOpenSslRehashTrustsItsCertificates()
    {
        File.Copy(_pki.P("ca.pem"), Path.Combine(_dir, "root.pem"));
        OpenSsl.MustRun("rehash", _dir);
        Assert.Contains(Directory.GetFiles(_dir), f => System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(f), "^[0-9a-f]{8}\\.0$"));

        int port = StartServer($"-CAPath '{_dir}' -ClientCertificate Require -VerifyReturnError");
        var good = OpenSsl.Connect(port, null, "-cert", _pki.P("good.pem"), "-key", _pki.P("good.key"));

        Assert.True(good.Connected, good.Process.AllOutput);
        _ps.Run("$s = Wait-TlsSession -Server $server -State Established -TimeoutSec 15");
        Assert.Equal(0, _ps.Get<int>("$s.ClientVerifyResult.ErrorCode"));
        Assert.Equal("CN=TlsServer Test Root", _ps.Get<string>("$s.ClientVerifyResult.TrustAnchor.Subject"));
    }

    [Fact]
    public void CrlInCAPathRevokesWithCrlCheck()
    {
        File.Copy(_pki.P("ca.pem"), Path.Combine(_dir, "root.pem"));
        File.Copy(_pki.P("ca.crl"), Path.Combine(_dir, "root.crl"));
        OpenSsl.MustRun("rehash", _dir);
        Assert.Contains(Directory.GetFiles(_dir), f => Path.GetFileName(f).EndsWith(".r0", StringComparison.Ordinal));

        int port = StartServer($"-CAPath '{_dir}' -ClientCertificate Require -CrlCheck -VerifyReturnError");
        var revoked = OpenSsl.Connect(port, null, "-cert", _pki.P("revoked.pem"), "-key", _pki.P("revoked.key"), "-tls1_2");

        Assert.Contains("alert certificate revoked", revoked.Process.AllOutput);
        _ps.Run("$s = Wait-TlsSession -Server $server -State Failed -TimeoutSec 15");
        Assert.Equal(23, _ps.Get<int>("$s.ClientVerifyResult.ErrorCode"));
        Assert.Equal("certificate revoked", _ps.Get<string>("$s.ClientVerifyResult.ErrorText"));
    }

    [Fact]
    public void CrlAppendedToTheCAFileIsUsed()
    {
        string bundle = Path.Combine(_dir, "ca-and-crl.pem");
        File.WriteAllText(bundle, File.ReadAllText(_pki.P("ca.pem")) + File.ReadAllText(_pki.P("ca.crl")));

        int port = StartServer($"-CAFile '{bundle}' -ClientCertificate Request -CrlCheck");
        OpenSsl.Connect(port, null, "-cert", _pki.P("revoked.pem"), "-key", _pki.P("revoked.key"));

        _ps.Run("$s = Wait-TlsSession -Server $server -State Established -TimeoutSec 15");
        Assert.Equal(23, _ps.Get<int>("$s.ClientVerifyResult.ErrorCode"));
    }

    [Fact]
    public void CrlCheckWithoutACrlIsUnableToGetCrl()
    {
        int port = StartServer($"-CAFile '{_pki.P("ca.pem")}' -ClientCertificate Require -CrlCheck -VerifyReturnError");
        var good = OpenSsl.Connect(port, null, "-cert", _pki.P("good.pem"), "-key", _pki.P("good.key"), "-tls1_2");

        Assert.Contains("alert unknown ca", good.Process.AllOutput);
        _ps.Run("$s = Wait-TlsSession -Server $server -State Failed -TimeoutSec 15");
        Assert.Equal(3, _ps.Get<int>("$s.ClientVerifyResult.ErrorCode"));
    }

    [Fact]
    public void CrlCheckAllNeedsACrlForEveryCertificate()
    {
        // The root's CRL covers the intermediate; nothing covers the client certificate the intermediate issued.
        int port = StartServer($"-CAFile '{_pki.P("ca.pem")}' -CrlPath '{_pki.P("ca.crl")}' -ClientCertificate Request");
        OpenSsl.Connect(port, null, "-cert", _pki.P("issued.pem"), "-cert_chain", _pki.P("int.pem"), "-key", _pki.P("issued.key"));
        _ps.Run("$s = Wait-TlsSession -Server $server -State Established -TimeoutSec 15");
        Assert.Equal(0, _ps.Get<int>("$s.ClientVerifyResult.ErrorCode"));
        _ps.Run("$server | Stop-TlsServer");

        port = StartServer($"-CAFile '{_pki.P("ca.pem")}' -CrlPath '{_pki.P("ca.crl")}' -ClientCertificate Request -CrlCheckAll");
        OpenSsl.Connect(port, null, "-cert", _pki.P("issued.pem"), "-cert_chain", _pki.P("int.pem"), "-key", _pki.P("issued.key"));
        _ps.Run("$s = Wait-TlsSession -Server $server -State Established -TimeoutSec 15");
        Assert.Equal(3, _ps.Get<int>("$s.ClientVerifyResult.ErrorCode"));
        Assert.Equal(0, _ps.Get<int>("$s.ClientVerifyResult.ErrorDepth"));
    }

    [Fact]
    public void NoDefaultLocationsTrustsNothing()
    {
        int port = StartServer("-NoCAFile -NoCAPath -ClientCertificate Request");
        OpenSsl.Connect(port, null, "-cert", _pki.P("good.pem"), "-key", _pki.P("good.key"));

        _ps.Run("$s = Wait-TlsSession -Server $server -State Established -TimeoutSec 15");
        Assert.Equal(20, _ps.Get<int>("$s.ClientVerifyResult.ErrorCode"));
        Assert.Equal("unable to get local issuer certificate", _ps.Get<string>("$s.ClientVerifyResult.ErrorText"));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("-NoCAFile", 20)]
    public void DefaultCAFileComesFromSslCertFile(string arguments, int code)
    {
        // OpenSSL's default CA file is $SSL_CERT_FILE; only this class reads the defaults, and it runs its tests one by one.
        Environment.SetEnvironmentVariable("SSL_CERT_FILE", _pki.P("ca.pem"));
        int port;
        try
        {
            port = StartServer($"-ClientCertificate Request -NoCAPath {arguments}");
        }
        finally
        {
            Environment.SetEnvironmentVariable("SSL_CERT_FILE", null);
        }

        OpenSsl.Connect(port, null, "-cert", _pki.P("good.pem"), "-key", _pki.P("good.key"));

        _ps.Run("$s = Wait-TlsSession -Server $server -State Established -TimeoutSec 15");
        Assert.Equal(code, _ps.Get<int>("$s.ClientVerifyResult.ErrorCode"));
    }

    [Theory]
    [InlineData("-CAFile '{0}/missing.pem'", "CAFileNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData("-CAPath '{0}/missing'", "CAPathNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData("-CAFile '{0}/ca.pem' -CrlPath '{0}/missing.crl'", "CRLFileNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData("-CAFile '{0}/good.key'", "CAFileInvalid", ErrorCategory.InvalidData)]
    public void BadTrustInputIsAClearError(string arguments, string errorId, ErrorCategory category)
    {
        var error = _ps.RunExpectingError("Start-TlsServer -Port 0 -ClientCertificate Request " + string.Format(arguments, _pki.Directory));

        Assert.Equal($"{errorId},{Command}", error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
    }

    private int StartServer(string arguments) => _ps.Get<int>($"$server = Start-TlsServer -Port 0 {arguments}; $server.Port");

    public void Dispose()
    {
        _ps.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
