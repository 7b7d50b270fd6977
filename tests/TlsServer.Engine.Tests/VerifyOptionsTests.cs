using Org.BouncyCastle.Pkix;
using Org.BouncyCastle.Security.Certificates;
using Org.BouncyCastle.Tls;
using TlsServer.Engine.Verification;

namespace TlsServer.Engine.Tests;

/// <summary>Reading OpenSSL's verification options, and OpenSSL's codes and alerts for BouncyCastle's verdicts.</summary>
public sealed class VerifyOptionsTests
{
    private static VerifyOptions Parse(params (string Key, object? Value)[] values) =>
        VerifyOptions.Parse(values.Select(v => new KeyValuePair<string, object?>(v.Key, v.Value)));

    [Fact]
    public void NamesAreOpenSslsInAnyCaseWithOrWithoutTheDash()
    {
        var o = Parse(("-Verify_Hostname", "a.test"), ("PURPOSE", "any"), ("partial_chain", true), ("auth_level", "2"));

        Assert.Equal("a.test", o.VerifyHostname);
        Assert.Equal("any", o.Purpose);
        Assert.True(o.PartialChain);
        Assert.Equal(2, o.AuthLevel);
        Assert.Equal(new[] { "verify_hostname", "purpose", "partial_chain", "auth_level" }, o.Given);
    }

    [Fact]
    public void AtTimeTakesSecondsSince1970OrADate()
    {
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), Parse(("attime", 1_700_000_000L)).AtTime);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), Parse(("attime", "1700000000")).AtTime);
        Assert.Equal(new DateTimeOffset(2030, 1, 2, 0, 0, 0, TimeSpan.Zero), Parse(("attime", new DateTime(2030, 1, 2, 0, 0, 0, DateTimeKind.Utc))).AtTime);
    }

    [Fact]
    public void ASwitchSetToFalseIsNotGiven()
    {
        var o = Parse(("x509_strict", false), ("check_ss_sig", 0));

        Assert.Empty(o.Given);
        Assert.False(o.CheckSelfSignedSignature);
    }

    [Theory]
    [InlineData("policy_check", true)]
    [InlineData("explicit_policy", true)]
    [InlineData("inhibit_any", true)]
    [InlineData("inhibit_map", true)]
    [InlineData("policy", true)]
    [InlineData("trusted_first", false)]
    public void OpenSslPolicyProcessingIsOnWithPolicyCheckOrAnOptionImplyingIt(string name, bool processing) =>
        Assert.Equal(processing, OpenSslPolicy.Processing(Parse((name, name == "policy" ? "1.2.3" : true))));

    [Fact]
    public void PolicyTakesOneOrSeveralOids() =>
        Assert.Equal(new[] { "1.2.3", "1.2.4" }, Parse(("policy", new object[] { "1.2.3", "1.2.4" })).Policies);

    [Theory]
    [InlineData("nonsense", true, "VerifyOptionUnknown")]
    [InlineData("auth_level", 6, "VerifyOptionInvalid")]
    [InlineData("verify_depth", -1, "VerifyOptionInvalid")]
    [InlineData("verify_hostname", "", "VerifyOptionInvalid")]
    [InlineData("ignore_critical", "maybe", "VerifyOptionInvalid")]
    public void BadValuesAreRefused(string key, object value, string errorId) =>
        Assert.Equal(errorId, Assert.Throws<TlsServerException>(() => Parse((key, value))).ErrorId);

    [Theory]
    [InlineData("no_check_time")]
    [InlineData("x509_strict")]
    [InlineData("extended_crl")]
    [InlineData("suiteB_128")]
    [InlineData("suiteB_128_only")]
    [InlineData("suiteB_192")]
    public void OptionsBouncyCastleCannotHonourAreRefusedAtStart(string name)
    {
        var e = Assert.Throws<TlsServerException>(() => ServerConfig.Build(new ServerOptions
        {
            Port = 0,
            ClientAuthentication = new ClientAuthenticationOptions { Mode = ClientCertificateMode.Request, Verify = Parse((name, true)) },
        }));

        Assert.Equal("VerifyOptionNotSupported", e.ErrorId);
        Assert.Equal(ErrorKind.NotImplemented, e.Kind);
        Assert.Contains($"'{name}'", e.Message);
    }

    [Theory]
    [InlineData(10, AlertDescription.certificate_expired)]
    [InlineData(9, AlertDescription.bad_certificate)]
    [InlineData(18, AlertDescription.unknown_ca)]
    [InlineData(20, AlertDescription.unknown_ca)]
    [InlineData(23, AlertDescription.certificate_revoked)]
    [InlineData(26, AlertDescription.unsupported_certificate)]
    [InlineData(7, AlertDescription.decrypt_error)]
    [InlineData(62, AlertDescription.bad_certificate)]
    [InlineData(8, AlertDescription.decrypt_error)]
    [InlineData(11, AlertDescription.bad_certificate)]
    [InlineData(12, AlertDescription.certificate_expired)]
    [InlineData(99, AlertDescription.certificate_unknown)]
    public void EachVerifyErrorGetsOpenSslsAlert(int code, short alert) => Assert.Equal(alert, VerifyError.Alert(code));

    [Fact]
    public void BouncyCastleFailuresReadAsOpenSslCodes()
    {
        Assert.Equal(10, PathFailure.Code(new PkixCertPathValidatorException("x", new CertificateExpiredException("expired"), 0)));
        Assert.Equal(9, PathFailure.Code(new PkixCertPathValidatorException("x", new CertificateNotYetValidException("early"), 0)));
        Assert.Equal(23, PathFailure.Code(new PkixCertPathValidatorException("Certificate revocation after 2026-01-01 00:00:00 +00:00, reason: unspecified", null, 0)));
        Assert.Equal(3, PathFailure.Code(new PkixCertPathValidatorException("No CRLs found for issuer \"CN=x\"", null, 0)));
        Assert.Equal(8, PathFailure.Code(new PkixCertPathValidatorException("Cannot verify CRL.", null, 0)));
        Assert.Equal(43, PathFailure.Code(new PkixCertPathValidatorException("Path processing failed on policy.", null, 0)));
        Assert.Equal(24, PathFailure.Code(new PkixCertPathValidatorException("Not a CA certificate", null, 1)));
        Assert.Equal(1, PathFailure.Code(new PkixCertPathValidatorException("something new", null, 0)));
    }
}
