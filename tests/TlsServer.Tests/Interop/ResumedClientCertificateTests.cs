using System.Text.RegularExpressions;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Interop;

/// <summary>
/// A resumed TLS 1.2 session reports the client certificate and the verify result of its full handshake, from the
/// session-ID cache and from a ticket, as OpenSSL keeps verify_result in the session. openssl s_client saves the
/// session with -sess_out and resumes it with -sess_in, without presenting its certificate again.
/// </summary>
public sealed class ResumedClientCertificateTests : IDisposable
{
    private readonly PowerShellSession _ps = new();
    private readonly TestPki _pki = TestPki.Shared;
    private readonly string _directory = Directory.CreateTempSubdirectory("tlsserver-resumed-").FullName;

    [Theory]
    [InlineData("good", "", 0)]
    [InlineData("good", "-NoTicket", 0)]
    [InlineData("expired", "", 10)]
    [InlineData("expired", "-NoTicket", 10)]
    [InlineData("revoked", "", 23)]
    [InlineData("revoked", "-NoTicket", 23)]
    public void ResumedSessionReportsTheVerifyResultOfItsFullHandshake(string client, string ticketOption, int code)
    {
        int port = _ps.Get<int>($"$server = Start-TlsServer -Port 0 -Protocol Tls12 -ClientCertificate Request -CAFile '{_pki.P("ca.pem")}' -CrlCheck -CrlPath '{_pki.P("ca.crl")}' {ticketOption}; $server.Port");
        string session = Path.Combine(_directory, client + ".session");
        var noTicket = ticketOption.Length > 0 ? new[] { "-no_ticket" } : Array.Empty<string>();
        Assert.Equal("New", Connect(port, new[] { "-cert", _pki.P(client + ".pem"), "-key", _pki.P(client + ".key"), "-sess_out", session }.Concat(noTicket)));

        Assert.Equal("Reused", Connect(port, new[] { "-sess_in", session }.Concat(noTicket)));

        _ps.Run("""
            $ended = Wait-TlsSession -Server $server -State Closed -Count 2 -TimeoutSec 15
            $first = $ended | Where-Object { -not $_.Resumed }
            $resumed = $ended | Where-Object Resumed
            """);
        Assert.True(_ps.Get<bool>("$resumed.Resumed"));
        Assert.Equal(ticketOption.Length > 0 ? "SessionId" : "Ticket", _ps.Get<string>("$resumed.ResumedBy.ToString()"));
        Assert.Equal(code, _ps.Get<int>("$first.ClientVerifyResult.ErrorCode"));
        Assert.Equal(code, _ps.Get<int>("$resumed.ClientVerifyResult.ErrorCode"));
        Assert.Equal(_ps.Get<string>("$first.ClientVerifyResult.ErrorText"), _ps.Get<string>("$resumed.ClientVerifyResult.ErrorText"));
        Assert.Equal(_ps.Get<string>("$first.ClientCertificate.Thumbprint"), _ps.Get<string>("$resumed.ClientCertificate.Thumbprint"));
        Assert.Equal(_ps.Get<string>("$first.ClientCertificateChain[0].Thumbprint"), _ps.Get<string>("$resumed.ClientCertificateChain[0].Thumbprint"));
        Assert.Equal("CN=TlsServer Test Root", _ps.Get<string>("$resumed.ClientVerifyResult.TrustAnchor.Subject"));
        Assert.Equal(_ps.Get<int>("$first.ClientVerifyResult.VerifiedChain.Count"), _ps.Get<int>("$resumed.ClientVerifyResult.VerifiedChain.Count"));
        if (code != 0)
        {
            Assert.Equal(0, _ps.Get<int>("$resumed.ClientVerifyResult.ErrorDepth"));
            Assert.Equal($"CN={client}", _ps.Get<string>("$resumed.ClientVerifyResult.ErrorCertificate.Subject"));
        }
    }

    [Fact]
    public void ResumedSessionWithoutClientCertificateHasNoVerifyResult()
    {
        int port = _ps.Get<int>($"$server = Start-TlsServer -Port 0 -Protocol Tls12 -ClientCertificate Request -CAFile '{_pki.P("ca.pem")}'; $server.Port");
        string session = Path.Combine(_directory, "none.session");
        Assert.Equal("New", Connect(port, new[] { "-sess_out", session }));

        Assert.Equal("Reused", Connect(port, new[] { "-sess_in", session }));

        var sessions = _ps.Run("Wait-TlsSession -Server $server -State Closed -Count 2 -TimeoutSec 15").ToList();
        Assert.Single(sessions, s => (bool)s.Properties["Resumed"].Value);
        Assert.All(sessions, s => Assert.Null(s.Properties["ClientVerifyResult"].Value));
    }

    /// <summary>One s_client connection; returns New or Reused as s_client saw it.</summary>
    private static string Connect(int port, IEnumerable<string> options)
    {
        var result = OpenSsl.Run(new[] { "s_client", "-connect", $"127.0.0.1:{port}", "-tls1_2" }.Concat(options).ToArray());
        var handshake = Regex.Match(result.AllOutput, @"^(New|Reused), TLSv1\.2", RegexOptions.Multiline);
        Assert.True(handshake.Success, result.AllOutput);
        return handshake.Groups[1].Value;
    }

    public void Dispose()
    {
        _ps.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
