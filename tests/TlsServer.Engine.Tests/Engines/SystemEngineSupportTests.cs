namespace TlsServer.Engine.Tests.Engines;

public sealed class SystemEngineSupportTests
{
    [Fact]
    public void TheDefaultsAreAllSupported() => ServerConfig.Build(new ServerOptions { Engine = TlsEngine.System });

    [Fact]
    public void EveryUnsupportedParameterIsNamedInOneError()
    {
        var options = new ServerOptions
        {
            Engine = TlsEngine.System,
            NoCertificate = true,
            Groups = new[] { "x25519" },
            SessionContext = "shared",
            Extensions = new ExtensionOptions { KeyLogPath = "/tmp/keys.log", Status = true },
            Diagnostics = new DiagnosticOptions { Messages = true },
        };

        var error = Assert.Throws<TlsServerException>(() => ServerConfig.Build(options));

        Assert.Equal("EngineUnsupportedParameter", error.ErrorId);
        foreach (string parameter in new[] { "-NoCertificate", "-Group", "-SessionContext", "-KeyLogPath", "-Status", "-Msg" })
        {
            Assert.Contains(parameter, error.Message);
        }
    }

    [Fact]
    public void TheBouncyCastleEngineRefusesNothing() =>
        ServerConfig.Build(new ServerOptions { NoCertificate = true, Diagnostics = new DiagnosticOptions { Messages = true } });
}
