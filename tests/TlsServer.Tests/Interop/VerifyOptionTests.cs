using System.Management.Automation;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Interop;

/// <summary>-VerifyOption: each option BouncyCastle honours changes the verdict on a real client's chain; the rest are refused by name.</summary>
public sealed class VerifyOptionTests : IDisposable
{
    private const string Command = "TlsServer.PowerShell.Commands.StartTlsServerCommand";
    private readonly PowerShellSession _ps = new();
    private readonly TestPki _pki = TestPki.Shared;

    [Theory]
    [InlineData("wrong-eku", "@{}", "ca.pem", 26)]
    [InlineData("wrong-eku", "@{ purpose = 'any' }", "ca.pem", 0)]
    [InlineData("wrong-eku", "@{ purpose = 'sslserver' }", "ca.pem", 0)]
    [InlineData("good", "@{ verify_name = 'ssl_server' }", "ca.pem", 26)]
    [InlineData("good", "@{ attime = [DateTimeOffset]::UtcNow.AddYears(-2).ToUnixTimeSeconds() }", "ca.pem", 9)]
    [InlineData("good", "@{ attime = [DateTime]::UtcNow.AddYears(3) }", "ca.pem", 10)]
    [InlineData("good", "@{ verify_hostname = 'other.test' }", "ca.pem", 62)]
    [InlineData("good", "@{ verify_hostname = 'good' }", "ca.pem", 0)]
    [InlineData("good", "@{ verify_email = 'good@example.test' }", "ca.pem", 0)]
    [InlineData("good", "@{ verify_email = 'bad@example.test' }", "ca.pem", 63)]
    [InlineData("good", "@{ verify_ip = '192.0.2.1' }", "ca.pem", 64)]
    [InlineData("rsa2048", "@{ auth_level = 3 }", "ca.pem", 66)]
    [InlineData("rsa2048", "@{ auth_level = 2 }", "ca.pem", 0)]
    [InlineData("good", "@{ explicit_policy = $true }", "ca.pem", 43)]
    [InlineData("good", "@{ check_ss_sig = $true; trusted_first = $true; no_alt_chains = $true; policy_check = $true }", "ca.pem", 0)]
    [InlineData("issued", "@{}", "int.pem", 20)]
    [InlineData("issued", "@{ partial_chain = $true }", "int.pem", 0)]
    [InlineData("issued", "@{ verify_depth = 0 }", "ca.pem", 22)]
    [InlineData("issued", "@{ verify_depth = 1 }", "ca.pem", 0)]
    public void OptionChangesTheVerdict(string client, string options, string caFile, int code)
    {
        int port = _ps.Get<int>($"$server = Start-TlsServer -Port 0 -ClientCertificate Request -CAFile '{_pki.P(caFile)}' -VerifyOption {options}; $server.Port");

        var result = OpenSsl.Connect(port, null, "-cert", _pki.P(client + ".pem"), "-cert_chain", _pki.P("int.pem"), "-key", _pki.P(client + ".key"));

        Assert.True(result.Connected, result.Process.AllOutput);
        _ps.Run("$s = Wait-TlsSession -Server $server -State Established -TimeoutSec 15");
        Assert.Equal(code, _ps.Get<int>("$s.ClientVerifyResult.ErrorCode"));
    }

    [Fact]
    public void PartialChainAnchorsAtTheIntermediate()
    {
        int port = _ps.Get<int>($"$server = Start-TlsServer -Port 0 -ClientCertificate Require -CAFile '{_pki.P("int.pem")}' -VerifyOption @{{ partial_chain = $true }} -VerifyReturnError; $server.Port");

        var result = OpenSsl.Connect(port, null, "-cert", _pki.P("issued.pem"), "-key", _pki.P("issued.key"));

        Assert.True(result.Connected, result.Process.AllOutput);
        _ps.Run("$s = Wait-TlsSession -Server $server -State Established -TimeoutSec 15");
        Assert.Equal("CN=TlsServer Test Issuing", _ps.Get<string>("$s.ClientVerifyResult.TrustAnchor.Subject"));
    }

    [Theory]
    [InlineData("no_check_time")]
    [InlineData("x509_strict")]
    [InlineData("extended_crl")]
    [InlineData("suiteB_128")]
    [InlineData("suiteB_128_only")]
    [InlineData("suiteB_192")]
    public void OptionBouncyCastleCannotHonourIsRefusedByName(string option)
    {
        var error = _ps.RunExpectingError($"Start-TlsServer -Port 0 -ClientCertificate Request -VerifyOption @{{ {option} = $true }}");

        Assert.Equal($"VerifyOptionNotSupported,{Command}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.NotImplemented, error.CategoryInfo.Category);
        Assert.Contains($"'{option}'", error.Exception.Message);
        Assert.Contains("BouncyCastle", error.Exception.Message);
    }

    [Theory]
    [InlineData("@{ no_such_option = $true }", "VerifyOptionUnknown")]
    [InlineData("@{ purpose = 'everything' }", "VerifyOptionInvalid")]
    [InlineData("@{ verify_name = 'nobody' }", "VerifyOptionInvalid")]
    [InlineData("@{ auth_level = 9 }", "VerifyOptionInvalid")]
    [InlineData("@{ attime = 'yesterday-ish' }", "VerifyOptionInvalid")]
    [InlineData("@{ verify_ip = 'not an address' }", "VerifyOptionInvalid")]
    [InlineData("@{ policy = 'not.an.oid' }", "VerifyOptionInvalid")]
    public void BadOptionIsAClearError(string options, string errorId)
    {
        var error = _ps.RunExpectingError($"Start-TlsServer -Port 0 -ClientCertificate Request -VerifyOption {options}");

        Assert.Equal($"{errorId},{Command}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    public void Dispose() => _ps.Dispose();
}
