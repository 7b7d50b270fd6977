using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Interop;

/// <summary>
/// openssl s_client through every record cipher and key type the engine hands to .NET (AES-GCM, ChaCha20-Poly1305,
/// RSA and ECDSA signatures, X25519, HMAC-SHA256/384 records, the SHA-256/384 transcript hash, HKDF and the TLS 1.2
/// PRF): the request must decrypt on our side and the response on OpenSSL's, and OpenSSL checks the server's signature
/// and Finished (which proves the transcript hash and every derived key).
/// </summary>
public sealed class RecordCipherInteropTests : IDisposable
{
    private readonly PowerShellSession _ps = new();
    private readonly TestCredentials _credentials = TestCredentials.Shared;

    [Theory]
    [InlineData("rsa", "-tls1_3", "-ciphersuites", "TLS_AES_128_GCM_SHA256", "RSA-PSS")]
    [InlineData("rsa", "-tls1_3", "-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256", "RSA-PSS")]
    [InlineData("ec", "-tls1_3", "-ciphersuites", "TLS_AES_256_GCM_SHA384", "ECDSA")]
    [InlineData("ec", "-tls1_3", "-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256", "ECDSA")]
    [InlineData("rsa", "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256", "RSA")]
    [InlineData("rsa", "-tls1_2", "-cipher", "ECDHE-RSA-CHACHA20-POLY1305", "RSA")]
    [InlineData("ec", "-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDSA")]
    [InlineData("rsa", "-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA256", "RSA")]
    [InlineData("ec", "-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-SHA384", "ECDSA")]
    public void ARequestAndItsResponseCrossEachRecordCipher(string key, string version, string option, string suite, string signature)
    {
        int port = _ps.Get<int>($"$server = Start-TlsServer -Port 0 -Www -CertificatePath '{_credentials.P(key + ".crt")}' " +
            $"-KeyPath '{_credentials.P(key + ".key")}'; $server.Port");
        // TLS 1.2 ECDSA also needs the certificate's curve among the client's groups.
        var sigalgs = key == "rsa" && version == "-tls1_2" ? new[] { "-sigalgs", "RSA+SHA256" } : Array.Empty<string>();

        var client = OpenSsl.Connect(port, "GET / HTTP/1.0\r\n\r\n",
            new[] { version, option, suite, "-groups", "X25519:P-256", "-ign_eof" }.Concat(sigalgs).ToArray());

        Assert.True(client.Connected, client.Process.AllOutput);
        Assert.Equal(suite, client.Cipher);
        Assert.Matches($"(?m)^Signature type: {signature}\\s*$", client.Process.AllOutput);
        Assert.Contains("X25519", client.TempKey!);
        Assert.Contains("HTTP/1.1 200 OK", client.Process.StandardOutput);
        Assert.Contains("</html>", client.Process.StandardOutput, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => _ps.Dispose();
}
