using System.Management.Automation;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Negotiation;

/// <summary>A hosted PowerShell session that starts one server per test and reads back the sessions it recorded.</summary>
public abstract class NegotiationSession : IDisposable
{
    protected const string Command = "TlsServer.PowerShell.Commands.StartTlsServerCommand";

    protected PowerShellSession Ps { get; } = new();

    protected TestCredentials Keys { get; } = TestCredentials.Shared;

    protected NegotiationCredentials More { get; } = NegotiationCredentials.Shared;

    protected string Rsa => $"-CertificatePath '{Keys.P("rsa.crt")}' -KeyPath '{Keys.P("rsa.key")}'";

    protected string Ec => $"-CertificatePath '{Keys.P("ec.crt")}' -KeyPath '{Keys.P("ec.key")}'";

    protected int Start(string arguments) => Ps.Get<int>($"$server = Start-TlsServer -Port 0 {arguments}; $server.Port");

    /// <summary>The one session of the server once it has ended, in any state.</summary>
    protected PSObject Ended()
    {
        var sessions = Ps.Run("Wait-TlsSession -Server $server -State Closed -TimeoutSec 10");
        return Assert.Single(sessions);
    }

    protected static object? Get(PSObject o, string name) => o.Properties[name].Value;

    protected ErrorRecord StartFails(string arguments) => Ps.RunExpectingError("Start-TlsServer -Port 0 " + arguments);

    public void Dispose()
    {
        Ps.Dispose();
        GC.SuppressFinalize(this);
    }
}
