using System.Management.Automation;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Extensions;

/// <summary>OCSP stapling end to end: openssl ocsp answers on loopback, the server staples, openssl s_client -status shows it.</summary>
public sealed class OcspStaplingTests : IClassFixture<OcspMaterial>, IDisposable
{
    private readonly PowerShellSession _ps = new();
    private readonly OcspMaterial _ocsp;

    public OcspStaplingTests(OcspMaterial ocsp) => _ocsp = ocsp;

    [Theory]
    [InlineData("-tls1_2")]
    [InlineData("-tls1_3")]
    public void ResponseFromTheAiaResponderIsStapled(string version)
    {
        var verbose = _ps.Run($"$all = Start-TlsServer -Port 0 -CertificatePath '{_ocsp.Chain("leaf")}' -KeyPath '{_ocsp.Key("leaf")}' -Status -StatusVerbose -Verbose 4>&1; $server = $all | Where-Object {{ $_ -isnot [System.Management.Automation.VerboseRecord] }}; $all | Where-Object {{ $_ -is [System.Management.Automation.VerboseRecord] }}");

        var client = StatusClient(version);

        Assert.Contains("OCSP Response Status: successful", client);
        Assert.Contains("Cert Status: good", client);
        Assert.Contains("Cert Status: good", verbose.Single().ToString());
        var session = EndedSession();
        Assert.True((bool)session.Properties["OcspStapled"].Value);
        var response = PSObject.AsPSObject(session.Properties["OcspResponse"].Value);
        Assert.Equal("good", response.Properties["CertificateStatus"].Value);
        Assert.Equal(OcspMaterial.Serial, response.Properties["SerialNumber"].Value);
        Assert.Equal(_ocsp.ResponderUrl + "/", response.Properties["Source"].Value);
        Assert.NotNull(response.Properties["NextUpdate"].Value);
    }

    [Fact]
    public void ARevokedCertificateIsStapledAsRevoked()
    {
        StartServer("revoked", "-Status -StatusVerbose");

        var client = StatusClient("-tls1_2");

        Assert.Contains("Cert Status: revoked", client);
        var response = PSObject.AsPSObject(EndedSession().Properties["OcspResponse"].Value);
        Assert.Equal("revoked", response.Properties["CertificateStatus"].Value);
        Assert.NotNull(response.Properties["RevocationTime"].Value);
    }

    [Fact]
    public void StatusUrlServesACertificateWithoutAia()
    {
        StartServer("noaia", $"-StatusUrl '{_ocsp.ResponderUrl}' -StatusTimeoutSec 5");

        var client = StatusClient("-tls1_3");

        Assert.Contains("Cert Status: good", client);
        Assert.True((bool)EndedSession().Properties["OcspStapled"].Value);
    }

    [Fact]
    public void StatusFileIsStapledAsItIs()
    {
        string file = _ocsp.FetchResponse("leaf");
        StartServer("leaf", $"-StatusFile '{file}'");

        var client = StatusClient("-tls1_2");

        Assert.Contains("Cert Status: good", client);
        Assert.Equal("good", _ps.Get<string>("$server.OcspResponse.CertificateStatus"));
        Assert.Equal(File.ReadAllBytes(file), _ps.Get<byte[]>(",$server.OcspResponse.Data"));
    }

    [Fact]
    public void NothingIsStapledWhenTheClientDoesNotAsk()
    {
        StartServer("leaf", "-Status");

        var client = OpenSsl.Run("s_client", "-connect", $"127.0.0.1:{Port}", "-tls1_2");

        Assert.DoesNotContain("OCSP response:", client.AllOutput);
        Assert.False((bool)EndedSession().Properties["OcspStapled"].Value);
    }

    [Fact]
    public void ACertificateWithoutResponderIsAClearError()
    {
        var error = _ps.RunExpectingError($"Start-TlsServer -Port 0 -CertificatePath '{_ocsp.Chain("noaia")}' -KeyPath '{_ocsp.Key("noaia")}' -Status");

        Assert.Equal("OcspResponderNotFound,TlsServer.PowerShell.Commands.StartTlsServerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("-StatusUrl", error.Exception.Message);
    }

    [Fact]
    public void AnUnreachableResponderIsAClearError()
    {
        var error = _ps.RunExpectingError($"Start-TlsServer -Port 0 -CertificatePath '{_ocsp.Chain("leaf")}' -KeyPath '{_ocsp.Key("leaf")}' -StatusUrl 'http://127.0.0.1:1/' -StatusTimeoutSec 3");

        Assert.Equal("OcspFetchFailed,TlsServer.PowerShell.Commands.StartTlsServerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
    }

    [Fact]
    public void AFileThatIsNotAnOcspResponseIsRefused()
    {
        var error = _ps.RunExpectingError($"Start-TlsServer -Port 0 -StatusFile '{_ocsp.P("ca.crt")}'");

        Assert.Equal("StatusFileInvalid,TlsServer.PowerShell.Commands.StartTlsServerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
    }

    private int Port => _ps.Get<int>("$server.Port");

    private void StartServer(string certificate, string arguments) =>
        _ps.Run($"$server = Start-TlsServer -Port 0 -CertificatePath '{_ocsp.Chain(certificate)}' -KeyPath '{_ocsp.Key(certificate)}' {arguments}");

    private string StatusClient(string version)
    {
        var result = OpenSsl.Run("s_client", "-connect", $"127.0.0.1:{Port}", "-status", version);
        Assert.True(result.AllOutput.Contains("Cert Status"), result.AllOutput);
        return result.AllOutput;
    }

    private PSObject EndedSession()
    {
        var sessions = _ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 10");
        Assert.True(_ps.LastErrors.Count == 0, string.Join("; ", _ps.LastErrors) + " " + string.Join("; ", _ps.Run("Get-TlsSession -Server $server | ForEach-Object { \"$($_.State) $($_.Error) $($_.Alert)\" }")));
        return sessions.Single();
    }

    public void Dispose() => _ps.Dispose();
}
