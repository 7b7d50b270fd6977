using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Interop;

/// <summary>
/// openssl s_client -cert/-key against -ClientCertificate: good, expired, unknown-CA, revoked, wrong-purpose and
/// missing certificates, with and without -VerifyReturnError, on TLS 1.2 and 1.3. The session objects and the alert
/// s_client saw must agree with what OpenSSL's own server would report.
/// </summary>
public sealed class ClientCertificateTests : IDisposable
{
    private readonly PowerShellSession _ps = new();
    private readonly TestPki _pki = TestPki.Shared;

    /// <summary>Client, OpenSSL verify code, the alert a failing server sends, and how s_client prints it.</summary>
    private static readonly (string Client, int Code, string? Alert, string? ClientSees)[] Expectations =
    {
        ("good", 0, null, null),
        ("expired", 10, "certificate_expired", "alert certificate expired"),
        ("unknown", 20, "unknown_ca", "alert unknown ca"),
        ("revoked", 23, "certificate_revoked", "alert certificate revoked"),
        ("wrong-eku", 26, "unsupported_certificate", "alert unsupported certificate"),
    };

    public static TheoryData<string, bool, string> Cases()
    {
        var data = new TheoryData<string, bool, string>();
        foreach (var e in Expectations)
        {
            foreach (bool returnError in new[] { false, true })
            {
                foreach (string protocol in new[] { "Tls12", "Tls13" })
                {
                    data.Add(e.Client, returnError, protocol);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ClientCertificateIsVerifiedAndRecorded(string client, bool returnError, string protocol)
    {
        var expected = Expectations.Single(e => e.Client == client);
        bool refused = returnError && expected.Alert is not null;
        int port = StartServer(protocol, $"-ClientCertificate Require -CrlCheck -CrlPath '{_pki.P("ca.crl")}'" + (returnError ? " -VerifyReturnError" : string.Empty));

        // -ign_eof keeps s_client reading until the server closes, so a TLS 1.3 alert after its Finished is seen too.
        var options = new List<string> { "-cert", _pki.P(client + ".pem"), "-key", _pki.P(client + ".key"), Version(protocol) };
        if (refused)
        {
            options.Add("-ign_eof");
        }

        var result = OpenSsl.Connect(port, null, options.ToArray());

        _ps.Run($"$s = Wait-TlsSession -Server $server -State {(refused ? "Failed" : "Established")} -TimeoutSec 15");
        Assert.Equal(expected.Code, _ps.Get<int>("$s.ClientVerifyResult.ErrorCode"));
        Assert.Equal($"CN={(client == "wrong-eku" ? "server-only" : client == "unknown" ? "stranger" : client)}", _ps.Get<string>("$s.ClientCertificate.Subject"));
        Assert.Equal(_ps.Get<string>("$s.ClientCertificate.Thumbprint"), _ps.Get<string>("$s.ClientCertificateChain[0].Thumbprint"));
        Assert.Equal(expected.Code == 0, _ps.Get<bool>("$s.ClientVerifyResult.IsValid"));
        if (expected.Code == 20)
        {
            Assert.True(_ps.Get<bool>("$null -eq $s.ClientVerifyResult.TrustAnchor"));
        }
        else
        {
            Assert.Equal("CN=TlsServer Test Root", _ps.Get<string>("$s.ClientVerifyResult.TrustAnchor.Subject"));
        }

        if (expected.Code != 0)
        {
            Assert.Equal(0, _ps.Get<int>("$s.ClientVerifyResult.ErrorDepth"));
        }

        if (refused)
        {
            Assert.Contains(expected.ClientSees!, result.Process.AllOutput);
            Assert.Equal(expected.Alert, _ps.Get<string>("$s.Alert.Description"));
            Assert.Equal("Sent", _ps.Get<string>("$s.Alert.Direction.ToString()"));
            Assert.False(_ps.Get<bool>("$s.HandshakeCompleted"));
        }
        else
        {
            Assert.True(result.Connected, result.Process.AllOutput);
            Assert.DoesNotContain("alert", result.Process.AllOutput);
            Assert.True(_ps.Get<bool>("$s.HandshakeCompleted"));
        }
    }

    [Theory]
    [InlineData(false, "Tls12", "handshake_failure", "alert handshake failure")]
    [InlineData(true, "Tls12", "handshake_failure", "alert handshake failure")]
    [InlineData(false, "Tls13", "certificate_required", "alert certificate required")]
    [InlineData(true, "Tls13", "certificate_required", "alert certificate required")]
    public void RequireRefusesAClientWithoutCertificate(bool returnError, string protocol, string alert, string clientSees)
    {
        int port = StartServer(protocol, "-ClientCertificate Require" + (returnError ? " -VerifyReturnError" : string.Empty));

        var result = OpenSsl.Connect(port, null, Version(protocol), "-ign_eof");

        _ps.Run("$s = Wait-TlsSession -Server $server -State Failed -TimeoutSec 15");
        Assert.Contains(clientSees, result.Process.AllOutput);
        Assert.Equal(alert, _ps.Get<string>("$s.Alert.Description"));
        Assert.True(_ps.Get<bool>("$null -eq $s.ClientVerifyResult"));
        Assert.Equal(0, _ps.Get<int>("$s.ClientCertificateChain.Count"));
    }

    [Theory]
    [InlineData("Tls12")]
    [InlineData("Tls13")]
    public void RequestLetsAClientWithoutCertificateIn(string protocol)
    {
        int port = StartServer(protocol, "-ClientCertificate Request -VerifyReturnError");

        var result = OpenSsl.Connect(port, null, Version(protocol));

        Assert.True(result.Connected, result.Process.AllOutput);
        _ps.Run("$s = Wait-TlsSession -Server $server -State Established -TimeoutSec 15");
        Assert.True(_ps.Get<bool>("$null -eq $s.ClientCertificate"));
        Assert.True(_ps.Get<bool>("$null -eq $s.ClientVerifyResult"));
    }

    [Fact]
    public void CertificateRequestNamesTheCAFileSubjects()
    {
        int port = StartServer("Tls12", "-ClientCertificate Request");

        var result = new SClientResult(ExternalProcess.Run("openssl",
            new[] { "s_client", "-connect", $"127.0.0.1:{port}", "-tls1_2" }, string.Empty, TimeSpan.FromSeconds(20)));

        Assert.Contains("Acceptable client certificate CA names", result.Process.AllOutput);
        Assert.Contains("CN = TlsServer Test Root", result.Process.AllOutput);
    }

    [Theory]
    [InlineData("Tls12", "-tls1_2")]
    [InlineData("Tls13", "-tls1_3")]
    public void TheCertificateRequestAsksForTheClientSignatureAlgorithmsGiven(string protocol, string option)
    {
        int port = StartServer(protocol, "-ClientCertificate Request -ClientSignatureAlgorithm 'ECDSA+SHA384','RSA-PSS+SHA256'");

        var result = ExternalProcess.Run("openssl", new[] { "s_client", "-connect", $"127.0.0.1:{port}", option }, string.Empty, TimeSpan.FromSeconds(20));

        var requested = System.Text.RegularExpressions.Regex.Match(result.AllOutput, "Requested Signature Algorithms: (.+)").Groups[1].Value.Trim();
        Assert.Equal("ECDSA+SHA384:RSA-PSS+SHA256", requested);
    }

    [Fact]
    public void ChainThroughAnIntermediateSentByTheClientVerifies()
    {
        int port = StartServer("Tls13", "-ClientCertificate Require -VerifyReturnError");

        var result = OpenSsl.Connect(port, null, "-cert", _pki.P("issued.pem"), "-cert_chain", _pki.P("int.pem"), "-key", _pki.P("issued.key"));

        Assert.True(result.Connected, result.Process.AllOutput);
        _ps.Run("$s = Wait-TlsSession -Server $server -State Established -TimeoutSec 15");
        Assert.Equal(0, _ps.Get<int>("$s.ClientVerifyResult.ErrorCode"));
        Assert.Equal(3, _ps.Get<int>("$s.ClientVerifyResult.VerifiedChain.Count"));
        Assert.Equal("CN=TlsServer Test Issuing", _ps.Get<string>("$s.ClientCertificateChain[1].Subject"));
    }

    private static string Version(string protocol) => protocol == "Tls12" ? "-tls1_2" : "-tls1_3";

    private int StartServer(string protocol, string arguments) => _ps.Get<int>(
        $"$server = Start-TlsServer -Port 0 -Protocol {protocol} -CAFile '{_pki.P("ca.pem")}' {arguments}; $server.Port");

    public void Dispose() => _ps.Dispose();
}
