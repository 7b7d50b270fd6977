using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using TlsServer.Engine;
using TlsServer.Engine.Credentials;
using TlsServer.PowerShell.Completion;

namespace TlsServer.PowerShell.Commands;

/// <summary>Starts a TLS server in the background and returns it (s_server, as a cmdlet).</summary>
[Cmdlet(VerbsLifecycle.Start, "TlsServer", DefaultParameterSetName = TcpSet)]
[OutputType(typeof(Server), typeof(Session))]
public sealed partial class StartTlsServerCommand : PSCmdlet
{
    /// <summary>TLS over TCP (-Address, -Port, -Accept, -AddressFamily and the stream-shaping parameters).</summary>
    private const string TcpSet = "Tcp";

    /// <summary>TLS over a Unix domain stream socket (-UnixSocket, -Unlink and the stream-shaping parameters).</summary>
    private const string UnixSocketSet = "UnixSocket";

    /// <summary>DTLS over UDP (-Dtls, -Listen, -Mtu, -AssociationLimit and the address parameters).</summary>
    private const string DtlsSet = "Dtls";

    private readonly CancellationTokenSource _stop = new();

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter(ParameterSetName = TcpSet)]
    [Parameter(ParameterSetName = DtlsSet)]
    [ValidateNotNullOrEmpty]
    public string? Address { get; set; }

    [Parameter(ParameterSetName = TcpSet)]
    [Parameter(ParameterSetName = DtlsSet)]
    [ValidateRange(ServerLimits.Port.Min, ServerLimits.Port.Max)]
    public int? Port { get; set; }

    /// <summary>Names here (Tls12) or OpenSSL's (TLSv1.2), as an array or one comma-separated string.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProtocolCompleter))]
    public string[]? Protocol { get; set; }

    [Parameter]
    public SwitchParameter Www { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? WwwRoot { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? HttpRoot { get; set; }

    /// <summary>s_server's -HTTP, which would otherwise be taken as a shortened -HttpRoot without its folder: refused, naming -HttpRoot.</summary>
    [Parameter]
    public SwitchParameter Http { get; set; }

    [Parameter]
    public SwitchParameter Reverse { get; set; }

    [Parameter]
    public SwitchParameter Crlf { get; set; }

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
    [ValidateRange(ServerLimits.HandshakeTimeoutSec.Min, ServerLimits.HandshakeTimeoutSec.Max)]
    public int? HandshakeTimeoutSec { get; set; }

    [Parameter]
    [ValidateRange(ServerLimits.MaxConnections.Min, ServerLimits.MaxConnections.Max)]
    public int? MaxConnections { get; set; }

    [Parameter]
    [ValidateRange(ServerLimits.SessionHistoryLimit.Min, ServerLimits.SessionHistoryLimit.Max)]
    public int? SessionHistoryLimit { get; set; }

    [Parameter]
    [ValidateRange(ServerLimits.IdleTimeoutSec.Min, ServerLimits.IdleTimeoutSec.Max)]
    public int? IdleTimeoutSec { get; set; }

    [Parameter]
    [ValidateRange(ServerLimits.ConnectionLimit.Min, ServerLimits.ConnectionLimit.Max)]
    public int? ConnectionLimit { get; set; }

    [Parameter]
    [ValidateRange(ServerLimits.MaxHandshakeMessageSize.Min, ServerLimits.MaxHandshakeMessageSize.Max)]
    public int? MaxHandshakeMessageSize { get; set; }

    [Parameter]
    [ValidateRange(ServerLimits.ReceiveBufferLimit.Min, ServerLimits.ReceiveBufferLimit.Max)]
    public int? ReceiveBufferLimit { get; set; }

    [Parameter]
    public SwitchParameter Wait { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProtocolCompleter))]
    public string[]? ExcludeProtocol { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProtocolCompleter))]
    public string? MinimumProtocol { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProtocolCompleter))]
    public string? MaximumProtocol { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CipherStringCompleter))]
    public string? Cipher { get; set; }

    [Parameter]
    [AllowEmptyString]
    [AllowEmptyCollection]
    [ArgumentCompleter(typeof(Tls13CipherSuiteCompleter))]
    public string[]? CipherSuite { get; set; }

    [Parameter]
    public SwitchParameter ServerPreference { get; set; }

    [Parameter]
    [Alias("NamedCurve")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(GroupCompleter))]
    public string[]? Group { get; set; }

    [Parameter]
    public SwitchParameter NoDhe { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DhParameterPath { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SignatureAlgorithmCompleter))]
    public string[]? SignatureAlgorithm { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SignatureAlgorithmCompleter))]
    public string[]? ClientSignatureAlgorithm { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AdditionalCertificatePath { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AdditionalKeyPath { get; set; }

    [Parameter]
    public SecureString? AdditionalKeyPassword { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AdditionalPass { get; set; }

    [Parameter]
    [ValidateNotNull]
    public X509Certificate2? AdditionalCertificate { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ChainPath { get; set; }

    [Parameter]
    [ValidateNotNull]
    public Hashtable? ServerNameCertificate { get; set; }

    [Parameter]
    public SwitchParameter ServerNameFatal { get; set; }

    [Parameter]
    public SwitchParameter NoCertificate { get; set; }

    [Parameter]
    public SwitchParameter NoSessionCache { get; set; }

    [Parameter]
    [ValidateRange(ServerLimits.SessionCacheSize.Min, ServerLimits.SessionCacheSize.Max)]
    public int? SessionCacheSize { get; set; }

    [Parameter]
    [ValidateRange(ServerLimits.SessionCacheTimeoutSec.Min, ServerLimits.SessionCacheTimeoutSec.Max)]
    public int? SessionCacheTimeoutSec { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SessionContext { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SessionIdPrefix { get; set; }

    [Parameter]
    public SwitchParameter NoTicket { get; set; }

    [Parameter]
    public SwitchParameter NoResumptionOnRenegotiation { get; set; }

    [Parameter]
    public SwitchParameter AllowLegacyResumption { get; set; }

    protected override void EndProcessing()
    {
        SServerSpellings.Check(this, Http);
        ParameterConflicts.Check(this);
        var protocols = ReadListParameters();
        var mode = ServerModes.Select(Www, WwwRoot, HttpRoot, Reverse);
        var preSharedKeys = CheckTransportParameters();
        WarnOfUnusedClientVerification();
        char[]? password = null;
        char[]? additionalPassword = null;
        IReadOnlyList<ServerNameCredential> serverNames = Array.Empty<ServerNameCredential>();
        Server server;
        try
        {
            password = ReadPassword();
            additionalPassword = AdditionalKeyPassword is not null ? SecureStrings.ToChars(AdditionalKeyPassword)
                : AdditionalPass is null ? null : OpenSslPassword.Resolve(AdditionalPass, Console.In.ReadLine);
            serverNames = ServerNameCertificates.Read(ServerNameCertificate, p => ResolvePath(p)!);
            server = Server.Start(ServerConfig.Build(new ServerOptions
            {
                Name = Name,
                Address = Address,
                Port = Port,
                Protocols = protocols.Protocols,
                Dtls = Dtls,
                Mode = mode,
                Engine = Engine,
                DocumentRoot = ResolvePath(WwwRoot ?? HttpRoot),
                Crlf = Crlf,
                CertificatePath = ResolvePath(CertificatePath),
                KeyPath = ResolvePath(KeyPath),
                KeyPassword = password,
                Certificate = Certificate,
                HandshakeTimeout = Seconds(HandshakeTimeoutSec),
                MaxConnections = MaxConnections,
                SessionHistoryLimit = SessionHistoryLimit,
                IdleTimeout = Seconds(IdleTimeoutSec),
                ConnectionLimit = ConnectionLimit,
                MaxHandshakeMessageSize = MaxHandshakeMessageSize,
                ReceiveBufferLimit = ReceiveBufferLimit,
                OwnerId = Runspace.DefaultRunspace?.InstanceId,
                ExcludeProtocols = protocols.Excluded ?? Array.Empty<TlsProtocol>(),
                MinimumProtocol = protocols.Minimum,
                MaximumProtocol = protocols.Maximum,
                Cipher = Cipher,
                CipherSuites = CipherSuite,
                ServerPreference = ServerPreference,
                Groups = Group,
                NoDhe = NoDhe,
                NoExtendedMasterSecret = NoExtendedMasterSecret,
                NoEncryptThenMac = NoEncryptThenMac,
                NoMiddleboxCompatibility = NoMiddleboxCompatibility,
                Bugs = Bugs,
                Compression = Compression,
                MaxSendFragment = MaxSendFragment,
                Async = Async,
                ReadBufferSize = ReadBufferSize,
                NonBlockingTest = NonBlockingTest,
                MaxPipelines = Bound(nameof(MaxPipelines)) ? MaxPipelines : null,
                RandomSeedPath = RandomSeedPath,
                TicketCount = Bound(nameof(TicketCount)) ? TicketCount : null,
                EarlyData = EarlyData || Bound(nameof(MaxEarlyData)),
                DhParameterPath = ResolvePath(DhParameterPath),
                SignatureAlgorithms = SignatureAlgorithm,
                ClientSignatureAlgorithms = ClientSignatureAlgorithm,
                AdditionalCertificatePath = ResolvePath(AdditionalCertificatePath),
                AdditionalKeyPath = ResolvePath(AdditionalKeyPath),
                AdditionalKeyPassword = additionalPassword,
                AdditionalCertificate = AdditionalCertificate,
                ChainPath = ResolvePath(ChainPath),
                ServerNameCredentials = serverNames,
                ServerNameFatal = ServerNameFatal,
                NoCertificate = NoCertificate,
                NoSessionCache = NoSessionCache,
                SessionCacheSize = SessionCacheSize,
                SessionCacheTimeout = Seconds(SessionCacheTimeoutSec),
                SessionContext = SessionContext,
                SessionIdPrefix = SessionIdPrefix,
                NoTicket = NoTicket,
                NoResumptionOnRenegotiation = NoResumptionOnRenegotiation,
                AllowLegacyResumption = AllowLegacyResumption,
                Extensions = BuildExtensionOptions(),
                Diagnostics = BuildDiagnosticOptions(),
                ClientAuthentication = BuildClientAuthentication(),
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
                Faults = _faults.ToArray(),
            }));
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

            if (additionalPassword is not null)
            {
                Array.Clear(additionalPassword);
            }

            ServerNameCertificates.Clear(serverNames);
        }

        foreach (var warning in server.Warnings)
        {
            WriteWarning(warning);
        }

        if (NoResumptionOnRenegotiation)
        {
            WriteVerbose("-NoResumptionOnRenegotiation changes nothing: BouncyCastle refuses every renegotiation, so none can resume a session.");
        }

        WriteStartDetails(server);
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

    private bool Bound(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);

    private static TimeSpan? Seconds(int? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;

    private string? ResolvePath(string? path) =>
        path is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
}
