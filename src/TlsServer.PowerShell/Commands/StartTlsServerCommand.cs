using System.Collections.Concurrent;
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
    [ValidateRange(1, 86400)]
    public int IdleTimeoutSec { get; set; }

    [Parameter]
    [ValidateRange(1, 1_000_000)]
    public int ConnectionLimit { get; set; } = ServerOptions.DefaultConnectionLimit;

    [Parameter]
    [ValidateRange(1024, 16 * 1024 * 1024)]
    public int MaxHandshakeMessageSize { get; set; } = ServerOptions.DefaultMaxHandshakeMessageSize;

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int ReceiveBufferLimit { get; set; } = ServerOptions.DefaultReceiveBufferLimit;

    [Parameter]
    public SwitchParameter Wait { get; set; }

    [Parameter]
    public SwitchParameter Dtls { get; set; }

    [Parameter]
    public SwitchParameter Listen { get; set; }

    [Parameter]
    [ValidateRange(256, 65535)]
    public int Mtu { get; set; } = ServerOptions.DefaultMtu;

    [Parameter]
    [ValidateRange(1, 100_000)]
    public int AssociationLimit { get; set; } = ServerOptions.DefaultAssociationLimit;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Accept { get; set; }

    [Parameter]
    public ListenAddressFamily AddressFamily { get; set; } = ListenAddressFamily.Any;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? UnixSocket { get; set; }

    [Parameter]
    public SwitchParameter Unlink { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Psk { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string PskIdentity { get; set; } = ServerOptions.DefaultPskIdentity;

    [Parameter]
    [ValidateNotNull]
    public string? PskIdentityHint { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public System.Collections.IDictionary? PskTable { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SrpVerifierPath { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SrpUserSeed { get; set; }

    protected override void EndProcessing()
    {
        if (KeyPassword is not null && Pass is not null)
        {
            ThrowTerminatingError(ErrorRecords.Create("PasswordSourceConflict", ErrorCategory.InvalidArgument,
                "Give the key password with -KeyPassword or -Pass, not both.", null));
        }

        if (Accept is not null && MyInvocation.BoundParameters.ContainsKey(nameof(Port)))
        {
            ThrowTerminatingError(ErrorRecords.Create("AcceptConflict", ErrorCategory.InvalidArgument,
                "Give the port with -Accept 'host:port' or with -Port, not both.", Accept));
        }

        if (Dtls && Protocol?.Any(p => p is not (TlsProtocol.Dtls10 or TlsProtocol.Dtls12)) == true)
        {
            ThrowTerminatingError(ErrorRecords.Create("DtlsWithTls", ErrorCategory.InvalidArgument,
                "-Dtls serves DTLS over UDP; -Protocol may then name only Dtls10 and Dtls12. Start a second server for TLS.", Protocol));
        }

        var preSharedKeys = PskParameters.Collect(this, Psk, PskIdentity, MyInvocation.BoundParameters.ContainsKey(nameof(PskIdentity)), PskTable);
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
                Protocols = Protocol ?? (Dtls ? new[] { TlsProtocol.Dtls10, TlsProtocol.Dtls12 } : ServerOptions.DefaultProtocols),
                Mode = Www ? ServerMode.Www : ServerMode.Interactive,
                CertificatePath = ResolvePath(CertificatePath),
                KeyPath = ResolvePath(KeyPath),
                KeyPassword = password,
                Certificate = Certificate,
                HandshakeTimeout = TimeSpan.FromSeconds(HandshakeTimeoutSec),
                MaxConnections = MyInvocation.BoundParameters.ContainsKey(nameof(MaxConnections)) ? MaxConnections : null,
                SessionHistoryLimit = SessionHistoryLimit,
                IdleTimeout = MyInvocation.BoundParameters.ContainsKey(nameof(IdleTimeoutSec)) ? TimeSpan.FromSeconds(IdleTimeoutSec) : null,
                ConnectionLimit = ConnectionLimit,
                MaxHandshakeMessageSize = MaxHandshakeMessageSize,
                ReceiveBufferLimit = ReceiveBufferLimit,
                OwnerId = Runspace.DefaultRunspace?.InstanceId,
                Listen = Listen,
                Mtu = Mtu,
                AssociationLimit = AssociationLimit,
                Accept = Accept,
                AddressFamily = AddressFamily,
                UnixSocket = ResolvePath(UnixSocket),
                Unlink = Unlink,
                PreSharedKeys = preSharedKeys,
                PskIdentityHint = PskIdentityHint,
                SrpVerifierPath = ResolvePath(SrpVerifierPath),
                SrpUserSeed = SrpUserSeed,
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

    private void RunInForeground(Server server)
    {
        var ended = new BlockingCollection<Session>(boundedCapacity: Server.EventQueueLimit);
        EventHandler<SessionEventArgs> onEnded = (_, e) => ended.TryAdd(e.Session);
        server.SessionEnded += onEnded;
        try
        {
            WriteInformation(new HostInformationMessage
            {
                Message = $"{server.Name} is listening on {server.UnixSocket ?? $"{server.Address}:{server.Port}"} ({server.Transport}; {string.Join(", ", server.Protocols)}). Press Ctrl+C to stop.",
            }, new[] { "PSHOST" });
            while (!_stop.IsCancellationRequested)
            {
                if (ended.TryTake(out var session, 250))
                {
                    WriteObject(session);
                }
                else if (server.State is ServerState.Stopped or ServerState.Faulted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C
        }
        finally
        {
            server.SessionEnded -= onEnded;
            if (server.State is ServerState.Running or ServerState.Starting)
            {
                server.Stop();
            }
        }
    }

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
