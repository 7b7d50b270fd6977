using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Negotiation;

/// <summary>-Protocol, -MinimumProtocol, -MaximumProtocol and -ExcludeProtocol against openssl s_client's version options.</summary>
public sealed class ProtocolVersionTests : NegotiationSession
{
    // OpenSSL 3.0 refuses TLS 1.0 and 1.1 below security level 0 (their signatures use SHA-1).
    private const string Legacy = "DEFAULT@SECLEVEL=0";

    [Theory]
    [InlineData("Tls10", "-tls1", "TLSv1")]
    [InlineData("Tls11", "-tls1_1", "TLSv1.1")]
    [InlineData("Tls12", "-tls1_2", "TLSv1.2")]
    [InlineData("Tls13", "-tls1_3", "TLSv1.3")]
    public void EachVersionWorksWhenItIsTheOnlyOne(string protocol, string option, string sClientName)
    {
        int port = Start($"{Rsa} -Protocol {protocol}");

        var client = OpenSsl.Connect(port, null, option, "-cipher", Legacy);

        Assert.True(client.Connected, client.Process.AllOutput);
        Assert.Equal(sClientName, client.Protocol);
        var session = Ended();
        Assert.Equal(protocol, Get(session, "Protocol")!.ToString());
        Assert.Equal(client.Cipher, Get(session, "CipherSuiteOpenSsl"));
    }

    [Theory]
    [InlineData("Tls10", "ECDHE-RSA-AES256-SHA", "rsa")]
    [InlineData("Tls11", "ECDHE-ECDSA-AES128-SHA", "ec")]
    public void OldVersionsSignWithTheLegacyHashes(string protocol, string cipher, string key)
    {
        int port = Start($"-CertificatePath '{Keys.P(key + ".crt")}' -KeyPath '{Keys.P(key + ".key")}' -Protocol {protocol}");

        var client = OpenSsl.Connect(port, null, "-cipher", cipher + "@SECLEVEL=0");

        Assert.True(client.Connected, client.Process.AllOutput);
        var session = Ended();
        Assert.Equal(cipher, Get(session, "CipherSuiteOpenSsl"));
        Assert.Equal(key == "rsa" ? "rsa_pkcs1_md5_sha1" : "ecdsa_sha1", Get(session, "SignatureScheme"));
    }

    [Theory]
    [InlineData("-Protocol Tls12", "-tls1_3")]
    [InlineData("-Protocol Tls13", "-tls1_2")]
    [InlineData("-MinimumProtocol Tls12", "-tls1_1")]
    [InlineData("-MaximumProtocol Tls12", "-tls1_3")]
    [InlineData("-ExcludeProtocol Tls13", "-tls1_3")]
    [InlineData("-MinimumProtocol Tls10 -ExcludeProtocol Tls11", "-tls1_1")]
    public void VersionsOutsideTheAllowedOnesFailLikeSServer(string arguments, string option)
    {
        int port = Start($"{Rsa} {arguments}");

        var client = OpenSsl.Connect(port, null, option, "-cipher", Legacy);

        Assert.False(client.Connected);
        var session = Ended();
        Assert.Equal("Failed", Get(session, "State")!.ToString());
        Assert.Equal("protocol_version", ((dynamic)Get(session, "Alert")!).Description);
    }

    [Theory]
    [InlineData("-MinimumProtocol Tls10", "Tls10,Tls11,Tls12,Tls13")]
    [InlineData("-MinimumProtocol Tls11 -MaximumProtocol Tls12", "Tls11,Tls12")]
    [InlineData("-MaximumProtocol Tls12", "Tls12")]
    [InlineData("-Protocol Tls10, Tls12, Tls13 -ExcludeProtocol Tls13", "Tls10,Tls12")]
    [InlineData("-MinimumProtocol Ssl3 -MaximumProtocol Tls11", "Tls10,Tls11")]
    public void RangesAndExclusionsDecideTheVersions(string arguments, string expected)
    {
        Start($"{Rsa} {arguments}");

        Assert.Equal(expected, Ps.Get<string>("$server.Protocols -join ','"));
    }

    [Fact]
    public void ARangeAllowsEveryVersionInIt()
    {
        int port = Start($"{Rsa} -MinimumProtocol Tls11 -MaximumProtocol Tls12");

        var client = OpenSsl.Connect(port, null, "-cipher", Legacy);

        Assert.True(client.Connected, client.Process.AllOutput);
        Assert.Equal("TLSv1.2", client.Protocol);
    }

    [Theory]
    [InlineData("-Protocol Ssl3", "ProtocolNotSupported")]
    [InlineData("-Protocol Tls12 -ExcludeProtocol Tls12", "NoProtocol")]
    [InlineData("-MinimumProtocol Tls13 -MaximumProtocol Tls12", "ProtocolRangeEmpty")]
    public void ImpossibleVersionsAreClearErrors(string arguments, string errorId)
    {
        var error = StartFails(arguments);

        Assert.Equal($"{errorId},{Command}", error.FullyQualifiedErrorId);
    }
}
