using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Negotiation;

/// <summary>-Group, -NoDhe, -DhParameterPath and -SignatureAlgorithm against s_client -groups, -sigalgs and -cipher.</summary>
public sealed class GroupAndSignatureTests : NegotiationSession
{
    [Theory]
    [InlineData("-tls1_3", "X25519", "X25519", "X25519, 253 bits")]
    [InlineData("-tls1_3", "P-384", "secp384r1", "secp384r1, 384 bits")]
    [InlineData("-tls1_2", "P-256", "secp256r1", "prime256v1, 256 bits")]
    [InlineData("-tls1_2", "X448", "X448", "X448, 448 bits")]
    public void GroupDecidesTheKeyExchange(string version, string group, string recorded, string tempKey)
    {
        int port = Start($"{Rsa} -Group {group}");

        var client = OpenSsl.Connect(port, null, version, "-groups", "X25519:P-256:P-384:X448");

        Assert.True(client.Connected, client.Process.AllOutput);
        var session = Ended();
        Assert.Equal(recorded, (string)Get(session, "NamedGroup")!, ignoreCase: true);
        Assert.Contains(tempKey, client.TempKey);
    }

    [Theory]
    [InlineData("-tls1_3")]
    [InlineData("-tls1_2")]
    public void NoCommonGroupFails(string version)
    {
        int port = Start($"{Rsa} -Group P-384 -Cipher ECDHE");

        var client = OpenSsl.Connect(port, null, version, "-groups", "X25519");

        Assert.False(client.Connected);
        Assert.Equal("Failed", Get(Ended(), "State")!.ToString());
    }

    [Fact]
    public void NamedCurveIsAnAliasAndServerPreferenceOrdersGroups()
    {
        int port = Start($"{Rsa} -NamedCurve 'P-384:X25519' -ServerPreference");

        var client = OpenSsl.Connect(port, null, "-tls1_2", "-groups", "X25519:P-384");

        Assert.Equal("secp384r1", Get(Ended(), "NamedGroup"));
        Assert.Contains("secp384r1", client.TempKey);
    }

    [Fact]
    public void HybridGroupsAreOfferedBesideClassicOnes()
    {
        int port = Start($"{Rsa} -Group X25519MLKEM768, X25519");

        var client = OpenSsl.Connect(port, null, "-tls1_3", "-groups", "X25519");

        Assert.Equal("X25519MLKEM768,X25519", Ps.Get<string>("$server.Groups -join ','"), ignoreCase: true);
        Assert.True(client.Connected, client.Process.AllOutput);
        Assert.Equal("X25519", (string)Get(Ended(), "NamedGroup")!, ignoreCase: true);
    }

    [Fact]
    public void FiniteFieldGroupsServeDhe()
    {
        int port = Start($"{Rsa} -Cipher DHE-RSA-AES128-GCM-SHA256 -Group ffdhe3072");

        var client = OpenSsl.Connect(port, null, "-tls1_2", "-groups", "ffdhe2048:ffdhe3072");

        Assert.Equal("DHE-RSA-AES128-GCM-SHA256", client.Cipher);
        Assert.Equal("ffdhe3072", Get(Ended(), "NamedGroup"));
    }

    [Fact]
    public void DhParameterFileServesDhe()
    {
        int port = Start($"{Rsa} -Cipher DHE-RSA-AES256-GCM-SHA384 -DhParameterPath '{More.P("dh.pem")}'");

        var client = OpenSsl.Connect(port, null, "-tls1_2");

        Assert.Equal("DHE-RSA-AES256-GCM-SHA384", client.Cipher);
        Assert.Contains("DH, 2048 bits", client.TempKey);
        Assert.Equal("dh2048", Get(Ended(), "NamedGroup"));
    }

    [Fact]
    public void NoDheLeavesOutDheSuites()
    {
        int port = Start($"{Rsa} -Cipher 'kDHE:kECDHE' -NoDhe");

        var client = OpenSsl.Connect(port, null, "-tls1_2", "-cipher", "kDHE");

        Assert.False(client.Connected);
        Assert.DoesNotContain(Ps.Run("$server.CipherSuites").Select(o => o.ToString()), n => n!.Contains("_DHE_"));
    }

    [Theory]
    [InlineData("rsa", "-tls1_3", "RSA-PSS+SHA384", "rsa_pss_rsae_sha384", "RSA-PSS")]
    [InlineData("rsa", "-tls1_2", "RSA+SHA256", "rsa_pkcs1_sha256", "RSA")]
    [InlineData("ec", "-tls1_3", "ecdsa_secp256r1_sha256", "ecdsa_secp256r1_sha256", "ECDSA")]
    public void SignatureAlgorithmDecidesTheScheme(string key, string version, string allowed, string scheme, string sClientType)
    {
        int port = Start($"-CertificatePath '{Keys.P(key + ".crt")}' -KeyPath '{Keys.P(key + ".key")}' -SignatureAlgorithm '{allowed}'");

        var client = OpenSsl.Connect(port, null, version);

        Assert.True(client.Connected, client.Process.AllOutput);
        Assert.Matches($"(?m)^Signature type: {sClientType}$", client.Process.AllOutput);
        Assert.Equal(scheme, Get(Ended(), "SignatureScheme"));
    }

    [Fact]
    public void NoCommonSignatureAlgorithmFails()
    {
        int port = Start($"{Rsa} -SignatureAlgorithm rsa_pss_rsae_sha512");

        var client = OpenSsl.Connect(port, null, "-tls1_3", "-sigalgs", "RSA-PSS+SHA256");

        Assert.False(client.Connected);
        Assert.Equal("handshake_failure", ((dynamic)Get(Ended(), "Alert")!).Description);
    }

    [Theory]
    [InlineData("-Group NotAGroup", "GroupUnknown")]
    [InlineData("-SignatureAlgorithm 'RSA+WHIRLPOOL'", "SignatureAlgorithmUnknown")]
    [InlineData("-ClientSignatureAlgorithm 'nope'", "SignatureAlgorithmUnknown")]
    [InlineData("-DhParameterPath '{0}'", "DhParametersInvalid")]
    public void UnknownNamesAreClearErrors(string arguments, string errorId)
    {
        var error = StartFails($"{Rsa} " + string.Format(arguments, Keys.P("rsa.crt")));

        Assert.Equal($"{errorId},{Command}", error.FullyQualifiedErrorId);
    }
}
