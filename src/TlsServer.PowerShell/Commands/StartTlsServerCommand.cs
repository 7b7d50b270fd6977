using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using TlsServer.Engine;
using TlsServer.Engine.Credentials;

namespace TlsServer.PowerShell.Commands;

/// <summary>Starts a TLS server in the background and returns it (s_server, as a cmdlet).</summary>
[Cmdlet(VerbsLifecycle.Start, "TlsServer")]
[OutputType(typeof(Server), typeof(Session))]
public sealed class StartTlsServerCommand : PSCmdlet
{
    private readonly CancellationTokenSource _stop = new();

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Address { get; set; }

    [Parameter]
    [ValidateRange(0, 65535)]
    public int Port { get; set; } = ServerOptions.DefaultPort;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public TlsProtocol[]? Protocol { get; set; }

    [Parameter]
    public SwitchParameter Www { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? WwwRoot { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? HttpRoot { get; set; }

    [Parameter]
    public SwitchParameter Reverse { get; set; }

    [Parameter]
    public SwitchParameter Crlf { get; set; }

    [Parameter]
    public SwitchParameter Quiet { get; set; }

    [Parameter]
    public SwitchParameter Brief { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CertificatePath { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KeyPath { get; set; }

    [Parameter]
    public SecureString? KeyPassword { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Pass { get; set; }

    [Parameter]
    [ValidateNotNull]
    public X509Certificate2? Certificate { get; set; }

    [Parameter]
    [ValidateRange(1, 3600)]
    public int HandshakeTimeoutSec { get; set; } = (int)ServerOptions.DefaultHandshakeTimeout.TotalSeconds;

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int MaxConnections { get; set; }

    [Parameter]
    [ValidateRange(1, 1_000_000)]
    public int SessionHistoryLimit { get; set; } = ServerOptions.DefaultSessionHistoryLimit;

    [Parameter]
    public SwitchParameter Wait { get; set; }

    protected override void EndProcessing()
    {
        if (KeyPassword is not null && Pass is not null)
        {
            ThrowTerminatingError(ErrorRecords.Create("PasswordSourceConflict", ErrorCategory.InvalidArgument,
                "Give the key password with -KeyPassword or -Pass, not both.", null));
        }

        var mode = ServerModes.Select(Www, WwwRoot, HttpRoot, Reverse);
        if (mode is null)
        {
            ThrowTerminatingError(ErrorRecords.Create("ModeConflict", ErrorCategory.InvalidArgument,
                "Give at most one of -Www, -WwwRoot, -HttpRoot and -Reverse.", null));
            return;
        }

        char[]? password = null;
        Server server;
        try
        {
            password = ReadPassword();
            server = Server.Start(new ServerOptions
            {
                Name = Name,
                Address = Address,
                Port = Port,
                Protocols = Protocol ?? ServerOptions.DefaultProtocols,
                Mode = mode.Value,
                DocumentRoot = ResolvePath(WwwRoot ?? HttpRoot),
                Crlf = Crlf,
                CertificatePath = ResolvePath(CertificatePath),
                KeyPath = ResolvePath(KeyPath),
                KeyPassword = password,
                Certificate = Certificate,
                HandshakeTimeout = TimeSpan.FromSeconds(HandshakeTimeoutSec),
                MaxConnections = MyInvocation.BoundParameters.ContainsKey(nameof(MaxConnections)) ? MaxConnections : null,
                SessionHistoryLimit = SessionHistoryLimit,
                OwnerId = Runspace.DefaultRunspace?.InstanceId,
            });
        }
        catch (TlsServerException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e));
            return;
        }
        finally
        {
            if (password is not null)
            {
                Array.Clear(password);
            }
        }

        if (Wait)
        {
            RunInForeground(server);
        }
        else
        {
            WriteObject(server);
        }
    }

    protected override void StopProcessing() => _stop.Cancel();

    private void RunInForeground(Server server) =>
        new ForegroundRun(this, server, ForegroundRun.VerbosityFor(Quiet, Brief, server.Mode)).Run(_stop.Token);

    private char[]? ReadPassword()
    {
        if (KeyPassword is not null)
        {
            return SecureStrings.ToChars(KeyPassword);
        }

        return Pass is null ? null : OpenSslPassword.Resolve(Pass, Console.In.ReadLine);
    }

    private string? ResolvePath(string? path) =>
        path is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
}
