namespace TlsServer.Engine.Tests;

/// <summary>ServerConfig.Build checks the options without binding anything; each case names the rule it breaks.</summary>
public sealed class ServerConfigTests
{
    private static string Refused(ServerOptions options) => Assert.Throws<TlsServerException>(() => ServerConfig.Build(options)).ErrorId;

    [Theory]
    [InlineData(70000)]
    [InlineData(-1)]
    public void PortsOutsideTheRangeAreRefused(int port) => Assert.Equal("PortOutOfRange", Refused(new ServerOptions { Port = port }));

    [Fact]
    public void NoProtocolIsRefused() => Assert.Equal("NoProtocol", Refused(new ServerOptions { Protocols = Array.Empty<TlsProtocol>() }));

    [Fact]
    public void BothACertificateObjectAndPathsAreRefused()
    {
        using var cert = Credentials.SelfSignedCertificate.Create();
        Assert.Equal("CertificateSourceConflict", Refused(new ServerOptions { Certificate = cert, CertificatePath = "x.pem" }));
    }

    [Fact]
    public void AKeyWithoutACertificateIsRefused() => Assert.Equal("KeyWithoutCertificate", Refused(new ServerOptions { KeyPath = "k.pem" }));

    [Fact]
    public void NothingGivenTakesTheDefaults()
    {
        var config = ServerConfig.Build(new ServerOptions());

        Assert.Equal(new[] { TlsProtocol.Tls12, TlsProtocol.Tls13 }, config.Protocols);
        Assert.Equal(ServerLimits.Port.Default, config.Transport.Port);
        Assert.Equal(TimeSpan.FromSeconds(ServerLimits.HandshakeTimeoutSec.Default), config.Limits.HandshakeTimeout);
        Assert.Null(config.Transport.Dtls);
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void DtlsWithoutVersionsServesDtls10And12() =>
        Assert.Equal(new[] { TlsProtocol.Dtls10, TlsProtocol.Dtls12 }, ServerConfig.Build(new ServerOptions { Dtls = true }).Protocols);

    /// <summary>The engine's limits are the cmdlet's: a value past the upper bound is refused by API callers too.</summary>
    [Theory]
    [InlineData(nameof(ServerOptions.ConnectionLimit), "ConnectionLimitOutOfRange")]
    [InlineData(nameof(ServerOptions.SessionHistoryLimit), "SessionHistoryLimitOutOfRange")]
    [InlineData(nameof(ServerOptions.SessionCacheSize), "SessionCacheSizeOutOfRange")]
    public void UpperBoundsAreTheCmdletsToo(string option, string errorId)
    {
        var options = option switch
        {
            nameof(ServerOptions.ConnectionLimit) => new ServerOptions { ConnectionLimit = ServerLimits.ConnectionLimit.Max + 1 },
            nameof(ServerOptions.SessionHistoryLimit) => new ServerOptions { SessionHistoryLimit = ServerLimits.SessionHistoryLimit.Max + 1 },
            _ => new ServerOptions { SessionCacheSize = ServerLimits.SessionCacheSize.Max + 1 },
        };

        Assert.Equal(errorId, Refused(options));
    }

    /// <summary>Bug: the System engine compared values with their defaults, so a default given explicitly was accepted and ignored.</summary>
    [Fact]
    public void TheSystemEngineRefusesAnExplicitDefault()
    {
        var e = Assert.Throws<TlsServerException>(() => ServerConfig.Build(new ServerOptions
        {
            Engine = TlsEngine.System,
            SessionCacheSize = ServerLimits.SessionCacheSize.Default,
            MaxSendFragment = ServerLimits.MaxSendFragment.Default,
            Diagnostics = new DiagnosticOptions { MessageLimit = ServerLimits.MessageLimit.Default },
        }));

        Assert.Equal("EngineUnsupportedParameter", e.ErrorId);
        Assert.Contains("-SessionCacheSize", e.Message);
        Assert.Contains("-MaxSendFragment", e.Message);
        Assert.Contains("-MessageLimit", e.Message);
    }

    [Fact]
    public void TheBouncyCastleEngineTakesAnExplicitDefault() =>
        ServerConfig.Build(new ServerOptions { SessionCacheSize = ServerLimits.SessionCacheSize.Default, MaxSendFragment = ServerLimits.MaxSendFragment.Default });

    /// <summary>Bug: -VerifyOption's verify_depth silently won over -VerifyDepth.</summary>
    [Fact]
    public void TwoVerifyDepthsAreRefused() =>
        Assert.Equal("VerifyDepthConflict", Refused(new ServerOptions
        {
            ClientAuthentication = new ClientAuthenticationOptions
            {
                VerifyDepth = 2,
                Verify = VerifyOptions.Parse(new[] { new KeyValuePair<string, object?>("verify_depth", 5) }),
            },
        }));

    /// <summary>Bug: a bad -CAFile was read only when a certificate was asked for (System: at the first later request).</summary>
    [Theory]
    [InlineData(TlsEngine.BouncyCastle)]
    [InlineData(TlsEngine.System)]
    public void AMissingCAFileFailsAtStart(TlsEngine engine) =>
        Assert.Equal("CAFileNotFound", Refused(new ServerOptions
        {
            Engine = engine,
            ClientAuthentication = new ClientAuthenticationOptions { CAFile = Path.Combine(Path.GetTempPath(), "no-such-ca-file.pem") },
        }));

    /// <summary>Two errors at once: the rule on the options comes before any file is read.</summary>
    [Fact]
    public void RulesComeBeforeFiles() =>
        Assert.Equal("PortOutOfRange", Refused(new ServerOptions { Port = -1, CertificatePath = "/no/such/file.pem" }));
}
