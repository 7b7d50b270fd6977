using System.Management.Automation;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Interop;

/// <summary>Credentials made with the openssl command line, in every form, load and serve a real handshake.</summary>
public sealed class CredentialFormatTests : IDisposable
{
    private const string Command = "TlsServer.PowerShell.Commands.StartTlsServerCommand";
    private readonly PowerShellSession _ps = new();
    private readonly TestCredentials _c = TestCredentials.Shared;

    [Theory]
    [InlineData("rsa.crt", "rsa.key", null)]
    [InlineData("rsa.crt", "rsa-pkcs1.key", null)]
    [InlineData("rsa-combined.pem", null, null)]
    [InlineData("ec.crt", "ec-sec1.key", null)]
    [InlineData("ec.der", "ec-key.der", null)]
    [InlineData("rsa.crt", "rsa-encrypted.key", "-KeyPassword $password")]
    [InlineData("ec.crt", "ec-legacy-encrypted.key", "-KeyPassword $password")]
    [InlineData("rsa.pfx", null, "-KeyPassword $password")]
    [InlineData("rsa.crt", "rsa-encrypted.key", "-Pass \"pass:$plain\"")]
    [InlineData("rsa.pfx", null, "-Pass 'env:TLSSERVER_TEST_PASSWORD'")]
    public void CredentialServesAHandshake(string certificate, string? key, string? passwordArgument)
    {
        Environment.SetEnvironmentVariable("TLSSERVER_TEST_PASSWORD", TestCredentials.Password);
        string keyArgument = key is null ? string.Empty : $"-KeyPath '{_c.P(key)}'";
        int port = _ps.Get<int>($"""
            $plain = '{TestCredentials.Password}'
            $password = [System.Net.NetworkCredential]::new('', $plain).SecurePassword
            $server = Start-TlsServer -Port 0 -CertificatePath '{_c.P(certificate)}' {keyArgument} {passwordArgument}
            $server.Port
            """);

        var client = OpenSsl.Connect(port, null, "-CAfile", _c.P(certificate.StartsWith("ec") ? "ec.crt" : "rsa.crt"), "-verify_return_error");

        Assert.True(client.Connected, client.Process.AllOutput);
        Assert.Contains("Verification: OK", client.Process.AllOutput);
    }

    [Fact]
    public void CertificateObjectWithItsKeyServes()
    {
        int port = _ps.Get<int>($"""
            $cert = [System.Security.Cryptography.X509Certificates.X509Certificate2]::CreateFromPemFile('{_c.P("ec.crt")}', '{_c.P("ec.key")}')
            $server = Start-TlsServer -Port 0 -Certificate $cert
            $server.Port
            """);

        var client = OpenSsl.Connect(port, null, "-CAfile", _c.P("ec.crt"), "-verify_return_error");

        Assert.True(client.Connected, client.Process.AllOutput);
        Assert.Equal(_ps.Get<string>("$cert.Thumbprint"), _ps.Get<string>("$server.Certificate.Thumbprint"));
    }

    [Theory]
    [InlineData("-CertificatePath '{0}/missing.crt'", "CertificateFileNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData("-CertificatePath '{0}/rsa.crt' -KeyPath '{0}/missing.key'", "KeyFileNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData("-CertificatePath '{0}/rsa.crt' -KeyPath '{0}/ec.key'", "KeyMismatch", ErrorCategory.InvalidData)]
    [InlineData("-CertificatePath '{0}/rsa.crt' -KeyPath '{0}/rsa-encrypted.key' -Pass 'pass:wrong'", "KeyPasswordIncorrect", ErrorCategory.AuthenticationError)]
    [InlineData("-CertificatePath '{0}/ec.crt' -KeyPath '{0}/ec-legacy-encrypted.key' -Pass 'pass:wrong'", "KeyPasswordIncorrect", ErrorCategory.AuthenticationError)]
    [InlineData("-CertificatePath '{0}/rsa.pfx' -Pass 'pass:wrong'", "KeyPasswordIncorrect", ErrorCategory.AuthenticationError)]
    [InlineData("-CertificatePath '{0}/rsa.crt' -KeyPath '{0}/rsa-encrypted.key'", "KeyPasswordRequired", ErrorCategory.InvalidArgument)]
    [InlineData("-CertificatePath '{0}/rsa.crt'", "KeyNotFound", ErrorCategory.InvalidData)]
    [InlineData("-CertificatePath '{0}/rsa.key' -KeyPath '{0}/rsa.key'", "CertificateNotFound", ErrorCategory.InvalidData)]
    [InlineData("-CertificatePath '{0}/rsa.crt' -KeyPath '{0}/rsa.key' -Pass 'nonsense'", "PasswordSourceInvalid", ErrorCategory.InvalidArgument)]
    public void BadCredentialsAreClearErrors(string arguments, string errorId, ErrorCategory category)
    {
        var error = _ps.RunExpectingError("Start-TlsServer -Port 0 " + string.Format(arguments, _c.Directory));

        Assert.Equal($"{errorId},{Command}", error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.DoesNotContain("wrong", error.Exception.Message);
        Assert.DoesNotContain(" at ", error.Exception.Message);
    }

    public void Dispose() => _ps.Dispose();
}
