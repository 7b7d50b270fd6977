using TlsServer.Engine.Credentials;

namespace TlsServer.Engine.Tests;

public sealed class OpenSslPasswordTests
{
    [Fact]
    public void PassEnvFileAndStdinSources()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "from file\nsecond line\n");
            Environment.SetEnvironmentVariable("TLSSERVER_UNIT_PASSWORD", "from env");

            Assert.Equal("a:b", new string(OpenSslPassword.Resolve("pass:a:b", () => null)));
            Assert.Equal("from env", new string(OpenSslPassword.Resolve("env:TLSSERVER_UNIT_PASSWORD", () => null)));
            Assert.Equal("from file", new string(OpenSslPassword.Resolve($"file:{file}", () => null)));
            Assert.Equal("typed", new string(OpenSslPassword.Resolve("stdin", () => "typed")));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("secret", "PasswordSourceInvalid")]
    [InlineData("fd:x", "PasswordSourceInvalid")]
    [InlineData("env:TLSSERVER_UNIT_PASSWORD_UNSET", "PasswordSourceNotFound")]
    [InlineData("file:/nonexistent/password", "PasswordSourceNotFound")]
    public void BadSourcesAreNamedErrorsThatDoNotEchoThePassword(string spec, string errorId)
    {
        var e = Assert.Throws<TlsServerException>(() => OpenSslPassword.Resolve(spec, () => null));

        Assert.Equal(errorId, e.ErrorId);
        Assert.DoesNotContain("secret", e.Message);
    }
}
