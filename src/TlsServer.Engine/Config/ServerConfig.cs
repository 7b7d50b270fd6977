using TlsServer.Engine.CipherSuites;
using TlsServer.Engine.Config;

namespace TlsServer.Engine;

/// <summary>
/// A server's settings, checked, loaded and frozen once from <see cref="ServerOptions"/> (as rustls's ServerConfig):
/// the only reader of the options. <see cref="Build"/> applies every rule, resolves the protocol versions and the
/// cipher suites once, and loads the credentials, trust store, OCSP response and extension files; the engines and
/// the runtime read the parts. Nothing in it changes after Build, and it holds nothing to dispose.
/// </summary>
public sealed partial class ServerConfig
{
    private ServerConfig()
    {
    }

    /// <summary>The TLS stack that will run the connections.</summary>
    public TlsEngine Engine { get; private init; }

    /// <summary>The name asked for; null lets the server name itself.</summary>
    public string? Name { get; private init; }

    /// <summary>Who starts the server (the cmdlets use the runspace id), so an owner can stop just its own.</summary>
    public Guid? OwnerId { get; private init; }

    /// <summary>The versions the server serves, in order.</summary>
    public IReadOnlyList<TlsProtocol> Protocols => Protocol.Versions;

    /// <summary>The cipher suites the server offers, in its order (IANA names): what its engine will serve.</summary>
    public IReadOnlyList<string> CipherSuites => CipherSuiteNames.IanaNames(Protocol.CipherSuites);

    /// <summary>What the options asked for that the server cannot do, said once at start.</summary>
    public IReadOnlyList<string> Warnings { get; private init; } = Array.Empty<string>();

    internal TransportConfig Transport { get; private init; } = null!;

    internal LimitConfig Limits { get; private init; } = null!;

    internal ApplicationConfig Application { get; private init; } = null!;

    internal ProtocolConfig Protocol { get; private init; } = null!;

    internal CredentialConfig Credentials { get; private init; } = null!;

    internal ClientAuthConfig ClientAuth { get; private init; } = null!;

    internal ResumptionConfig Resumption { get; private init; } = null!;

    internal ExtensionConfig Extensions { get; private init; } = null!;

    internal DiagnosticConfig Diagnostics { get; private init; } = null!;

    /// <summary>The faults to apply (New-TlsFault), checked against the rest of the configuration; empty for a well-behaved server.</summary>
    internal Faults.FaultPlan Faults { get; private init; } = null!;

    /// <summary>Checks every option, then loads what they name; the first problem throws.</summary>
    /// <exception cref="TlsServerException">The error id says which rule or which file failed.</exception>
    public static ServerConfig Build(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // 1. Rules on the options alone, in the order a user reads them.
        var limits = BuildLimits(options);
        var versions = ProtocolRange.Resolve(options.Protocols, options.Dtls, options.MinimumProtocol, options.MaximumProtocol, options.ExcludeProtocols);
        var transport = BuildTransport(options, versions);
        var application = BuildApplication(options);
        var resumption = BuildResumption(options);
        var verify = BuildClientVerification(options.ClientAuthentication);
        CheckExtensions(options);
        CheckOpenSslOnly(options);

        // 2. What the chosen engine cannot honour, all named in one error.
        CheckEngineSupport(options, versions);

        // 3. Files and secrets.
        var warnings = new List<string>();
        var credentials = BuildCredentials(options, versions);
        var extensions = BuildExtensions(options, credentials.Default?.Credentials[0]);
        var clientAuth = BuildClientAuth(options, verify);

        // 4. What the options can serve together: versions, groups, schemes and suites.
        var protocol = BuildProtocol(options, versions, credentials, warnings);
        return new ServerConfig
        {
            Engine = options.Engine,
            Name = options.Name,
            OwnerId = options.OwnerId,
            Warnings = warnings.ToArray(),
            Transport = transport,
            Limits = limits,
            Application = application,
            Protocol = protocol,
            Credentials = credentials,
            ClientAuth = clientAuth,
            Resumption = resumption,
            Extensions = extensions,
            Diagnostics = BuildDiagnostics(options),
            Faults = BuildFaults(options, protocol, credentials, transport, limits, resumption),
        };
    }
}
