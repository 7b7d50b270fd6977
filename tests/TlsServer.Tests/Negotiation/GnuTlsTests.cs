using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Negotiation;

/// <summary>gnutls-cli (Debian's gnutls-bin), a second TLS stack nobody here wrote, completes TLS 1.2 and 1.3 handshakes.</summary>
public sealed class GnuTlsTests : NegotiationSession
{
    [Theory]
    [InlineData("Tls12", "NORMAL:-VERS-ALL:+VERS-TLS1.2", "(TLS1.2-")]
    [InlineData("Tls13", "NORMAL:-VERS-ALL:+VERS-TLS1.3", "(TLS1.3-")]
    public void GnuTlsCliCompletesTheHandshake(string protocol, string priority, string reported)
    {
        int port = Start(Rsa);

        var client = ExternalProcess.Run("gnutls-cli", new[]
        {
            "--port", port.ToString(), "--x509cafile", Keys.P("rsa.crt"), "--priority", priority, "127.0.0.1",
        }, "hello\n", TimeSpan.FromSeconds(20));

        Assert.Contains("Handshake was completed", client.AllOutput);
        Assert.Contains(reported, client.AllOutput);
        var session = Ended();
        Assert.Equal(protocol, Get(session, "Protocol")!.ToString());
        Assert.NotNull(Get(session, "NamedGroup"));
    }
}
