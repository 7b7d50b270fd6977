using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Negotiation;

/// <summary>Get-TlsCipherSuite against `openssl ciphers`, and -Cipher, -CipherSuite and -ServerPreference against s_client.</summary>
public sealed class CipherSuiteTests : NegotiationSession
{
    public static TheoryData<string> CipherStrings() => new()
    {
        "DEFAULT", "HIGH", "ALL:COMPLEMENTOFALL", "ECDHE+AESGCM:!aNULL:@STRENGTH", "kECDHE:kDHE:-SHA1:+AES128",
        "AESGCM:CHACHA20:!DSS", "aRSA:!kRSA:@STRENGTH", "SHA256:SHA384:-DHE", "CAMELLIA:ARIA:AESCCM",
        "DEFAULT:!ECDSA:+SHA1", "COMPLEMENTOFDEFAULT", "aNULL", "eNULL:+kRSA", "TLSv1.2+AES128:SSLv3",
        "kRSA:kECDHE:@STRENGTH:-AES256:AES256", "MEDIUM:HIGH:!aNULL:!PSK", "ECDHE-RSA-AES128-SHA:AES256-SHA:ECDSA+SHA384",
    };

    [Theory]
    [MemberData(nameof(CipherStrings))]
    public void ExpandsLikeOpenSslCiphers(string cipher)
    {
        var theirs = OpenSsl.MustRun("ciphers", "-ciphersuites", "", cipher).Trim().Split(':');
        var ours = Ps.Run($"Get-TlsCipherSuite -Cipher '{cipher}' -CipherSuite ''").Select(o => (string)Get(o, "Name")!).ToArray();

        // Only suites both know can be compared: this OpenSSL build has no 3DES.
        var common = ours.Intersect(theirs).ToHashSet();
        Assert.Equal(theirs.Where(common.Contains), ours.Where(common.Contains));
        Assert.Empty(theirs.Except(ours));
        Assert.All(ours.Except(theirs), name => Assert.Contains("DES-CBC3", name));
    }

    [Fact]
    public void SuitesLikeOpenSslCiphersDashV()
    {
        var line = OpenSsl.MustRun("ciphers", "-V", "ECDHE-ECDSA-CHACHA20-POLY1305").Split('\n').First(l => l.Contains("ECDHE-ECDSA-CHACHA20"));
        var suite = Ps.Run("Get-TlsCipherSuite ECDHE-ECDSA-CHACHA20-POLY1305 -CipherSuite ''").Single();

        Assert.Contains((string)Get(suite, "Code")!, line);
        Assert.Contains($"Kx={Get(suite, "KeyExchange")} ", line);
        Assert.Contains($"Au={Get(suite, "Authentication")} ", line);
        Assert.Contains($"Enc={Get(suite, "Encryption")} ", line);
        Assert.Contains($"Mac={Get(suite, "Mac")}", line);
        Assert.Contains((string)Get(suite, "Protocol")!, line);
        Assert.Equal("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", Get(suite, "IanaName"));
        Assert.Equal(256, Get(suite, "Bits"));
        Assert.True((bool)Get(suite, "Supported")!);
    }

    [Fact]
    public void TlsThirteenSuitesComeFirstAndIanaNamesWork()
    {
        var names = Ps.Run("Get-TlsCipherSuite 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256' -CipherSuite TLS_AES_128_GCM_SHA256").Select(o => (string)Get(o, "Name")!);

        Assert.Equal(new[] { "TLS_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256" }, names);
    }

    [Fact]
    public void PskSuitesNeedAPskServerAndAreReportedNotDropped()
    {
        var suite = Ps.Run("Get-TlsCipherSuite PSK-AES128-GCM-SHA256 -CipherSuite ''").Single();

        Assert.True((bool)Get(suite, "Supported")!);
        Assert.Equal("Psk", Get(suite, "Requires"));
        Ps.Run($"$server = Start-TlsServer -Port 0 {Rsa} -Cipher 'PSK-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256' -WarningVariable w -WarningAction SilentlyContinue");
        Assert.Contains("PSK-AES128-GCM-SHA256 (it needs a pre-shared key: add -Psk)", Ps.Get<string>("$w -join ' '"));
        Assert.DoesNotContain("TLS_PSK_WITH_AES_128_GCM_SHA256", Ps.Run("$server.CipherSuites").Select(o => o.ToString()));
        Ps.Run($"$psk = Start-TlsServer -Port 0 {Rsa} -Psk 00112233 -Cipher 'PSK:ECDHE-RSA-AES128-GCM-SHA256'");
        Assert.Contains("TLS_PSK_WITH_AES_128_GCM_SHA256", Ps.Run("$psk.CipherSuites").Select(o => o.ToString()));
        Ps.Run("$psk | Stop-TlsServer");
    }

    [Fact]
    public void SuitesBouncyCastleLacksAreReportedUnsupported()
    {
        var suites = Ps.Run("Get-TlsCipherSuite 'ALL:COMPLEMENTOFALL' -CipherSuite '' | Where-Object { -not $_.Supported }");

        Assert.NotEmpty(suites);
        Assert.All(suites, s => Assert.Equal("BouncyCastle does not implement it", Get(s, "UnsupportedReason")));
    }

    [Theory]
    [InlineData("Get-TlsCipherSuite 'NOPE:ALSO-NOT'", "CipherStringNoMatch", "'NOPE'")]
    [InlineData("Get-TlsCipherSuite 'HIGH:@BOGUS'", "CipherStringInvalid", "@BOGUS")]
    [InlineData("Get-TlsCipherSuite 'HIGH:#'", "CipherStringInvalid", "'#'")]
    [InlineData("Get-TlsCipherSuite -CipherSuite TLS_NOT_A_SUITE", "CipherSuiteUnknown", "TLS_NOT_A_SUITE")]
    public void BadStringsAreClearErrors(string script, string errorId, string named)
    {
        var error = Ps.RunExpectingError(script);

        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
        Assert.Contains(named, error.Exception.Message);
    }

    [Fact]
    public void AStringThatSelectsNothingTellsWhichPartsMatchedNothing()
    {
        var error = StartFails($"{Rsa} -Cipher 'kNOPE:aBOGUS'");

        Assert.Equal($"CipherStringNoMatch,{Command}", error.FullyQualifiedErrorId);
        Assert.Contains("'kNOPE'", error.Exception.Message);
        Assert.Contains("'aBOGUS'", error.Exception.Message);
    }

    [Theory]
    [InlineData("ECDHE-RSA-AES256-SHA", "ECDHE-RSA-AES256-SHA")]
    [InlineData("aRSA+AESGCM+kDHE", "DHE-RSA-AES256-GCM-SHA384")]
    [InlineData("ECDHE+CHACHA20", "ECDHE-RSA-CHACHA20-POLY1305")]
    [InlineData("TLS_RSA_WITH_AES_128_CBC_SHA256", "AES128-SHA256")]
    public void CipherDecidesTheTls12Suite(string serverCipher, string expected)
    {
        int port = Start($"{Rsa} -Cipher '{serverCipher}'");

        var client = OpenSsl.Connect(port, null, "-tls1_2");

        Assert.True(client.Connected, client.Process.AllOutput);
        Assert.Equal(expected, client.Cipher);
        Assert.Equal(expected, Get(Ended(), "CipherSuiteOpenSsl"));
    }

    [Fact]
    public void NoCommonSuiteFailsWithHandshakeFailure()
    {
        int port = Start($"{Rsa} -Cipher 'AESGCM'");

        var client = OpenSsl.Connect(port, null, "-tls1_2", "-cipher", "CHACHA20");

        Assert.False(client.Connected);
        Assert.Equal("handshake_failure", ((dynamic)Get(Ended(), "Alert")!).Description);
    }

    [Fact]
    public void CipherSuiteDecidesTheTls13Suite()
    {
        int port = Start($"{Rsa} -CipherSuite TLS_CHACHA20_POLY1305_SHA256");

        var client = OpenSsl.Connect(port, null, "-tls1_3");
        var refused = OpenSsl.Connect(port, null, "-tls1_3", "-ciphersuites", "TLS_AES_128_GCM_SHA256");

        Assert.Equal("TLS_CHACHA20_POLY1305_SHA256", client.Cipher);
        Assert.False(refused.Connected);
    }

    [Theory]
    [InlineData("", "ECDHE-RSA-AES128-GCM-SHA256")]
    [InlineData("-ServerPreference", "ECDHE-RSA-AES256-GCM-SHA384")]
    public void ServerPreferenceMakesTheServersOrderWin(string preference, string expected)
    {
        int port = Start($"{Rsa} -Cipher 'ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256' {preference}");

        var client = OpenSsl.Connect(port, null, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384");

        Assert.Equal(expected, client.Cipher);
    }

    [Fact]
    public void SecurityLevelDropsWeakSuites()
    {
        Start($"{Rsa} -Cipher 'AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=3' -WarningAction SilentlyContinue");

        Assert.Equal("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            Ps.Get<string>("($server.CipherSuites | Where-Object { $_ -notlike 'TLS_AES*' -and $_ -notlike 'TLS_CHACHA*' }) -join ','"));
    }
}
