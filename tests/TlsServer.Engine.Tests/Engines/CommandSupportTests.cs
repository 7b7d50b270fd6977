using TlsServer.Engine.Runtime;

namespace TlsServer.Engine.Tests.Engines;

/// <summary>A command a connection cannot do is refused one way, with one id per command whatever the engine.</summary>
public sealed class CommandSupportTests
{
    public static TheoryData<string, string, string> Refusals() => new()
    {
        { "BouncyCastle", "Renegotiation", "RenegotiationNotSupported" },
        { "BouncyCastle", "PostHandshakeAuthentication", "PostHandshakeAuthNotSupported" },
        { "BouncyCastle DTLS", "KeyUpdate", "KeyUpdateNotSupported" },
        { "BouncyCastle DTLS", "HelloRequest", "HelloRequestNotSupported" },
        { "BouncyCastle DTLS", "Renegotiation", "RenegotiationNotSupported" },
        { "BouncyCastle DTLS", "SendAlert", "SendAlertNotSupported" },
        { "System", "KeyUpdate", "KeyUpdateNotSupported" },
        { "System", "HelloRequest", "HelloRequestNotSupported" },
        { "System", "SendAlert", "SendAlertNotSupported" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void RefusesWithTheCommandsIdAndTheEnginesReason(string engine, string commandName, string errorId)
    {
        var support = Support(engine);
        var command = Enum.Parse<ConnectionCommand>(commandName);

        var e = Assert.Throws<TlsServerException>(() => support.Require(command, 7));

        Assert.False(support.Can(command));
        Assert.Equal(errorId, e.ErrorId);
        Assert.Equal(ErrorKind.NotImplemented, e.Kind);
        Assert.Contains($"the {engine} engine", e.Message);
        Assert.Equal(7L, e.Target);
    }

    [Fact]
    public void OnlyTheSystemEngineAsksForACertificateAfterTheHandshake()
    {
        Assert.False(CommandSupport.BouncyCastleTls.Can(ConnectionCommand.Renegotiation));
        Assert.True(CommandSupport.BouncyCastleTls.Can(ConnectionCommand.KeyUpdate) && CommandSupport.BouncyCastleTls.Can(ConnectionCommand.SendAlert));
        if (OperatingSystem.IsLinux())
        {
            Assert.True(CommandSupport.System.Can(ConnectionCommand.Renegotiation) && CommandSupport.System.Can(ConnectionCommand.PostHandshakeAuthentication));
        }
    }

    /// <summary>Bug: the refusal blamed ".NET's SslStream" whichever engine ran; each engine now gives its own reason.</summary>
    [Fact]
    public void OnlyTheSystemEngineBlamesSslStream()
    {
        Assert.DoesNotContain("SslStream", Assert.Throws<TlsServerException>(() =>
            CommandSupport.BouncyCastleDtls.Require(ConnectionCommand.HelloRequest, 1)).Message);
        Assert.Contains("SslStream", Assert.Throws<TlsServerException>(() =>
            CommandSupport.System.Require(ConnectionCommand.HelloRequest, 1)).Message);
    }

    private static CommandSupport Support(string engine) => engine switch
    {
        "BouncyCastle" => CommandSupport.BouncyCastleTls,
        "BouncyCastle DTLS" => CommandSupport.BouncyCastleDtls,
        _ => CommandSupport.System,
    };
}
