using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using TlsServer.Engine.Credentials;
using TlsServer.Engine.Config;
using TlsServer.Engine.Verification;
using NetCipherSuite = System.Net.Security.TlsCipherSuite;

namespace TlsServer.Engine.Engines.Platform;

/// <summary>
/// The operating system's TLS through .NET's SslStream (OpenSSL on Linux), set up once at start from the same
/// protocol, suite, credential and client-certificate code as the BouncyCastle engine.
/// </summary>
internal sealed class SystemEngine : IServerEngine
{
    private readonly SslProtocols _protocols;
    private readonly CipherSuitesPolicy? _policy;
    private readonly SslStreamCertificateContext _default;
    private readonly IReadOnlyList<(CredentialSet Set, SslStreamCertificateContext Context)> _byName;
    private readonly List<SslApplicationProtocol>? _alpn;
    private readonly IReadOnlyList<string> _alpnNames;
    private readonly bool _alpnOptional;
    private readonly ClientAuthConfig _clientAuth;
    private readonly IConnectionHost _host;

    public SystemEngine(ServerConfig config, IConnectionHost host)
    {
        _host = host;
        HandshakeTimeout = config.Limits.HandshakeTimeout;
        IdleTimeout = config.Limits.IdleTimeout;
        _protocols = config.Protocols.Aggregate(SslProtocols.None, (all, p) => all | ToSslProtocols(p));
        // The shared selection already left out what OpenSSL does not know (SystemSuites), with a warning.
        _policy = OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()
            ? new CipherSuitesPolicy(config.Protocol.CipherSuites.Select(s => (NetCipherSuite)s))
            : null;
        _clientAuth = config.ClientAuth;
        var trust = Trust(config.ClientAuth.CAFileCertificates);
        _default = Context(config.Credentials.Default!, trust);
        _byName = config.Credentials.ByName.Select(s => (s, Context(s, trust))).ToArray();
        _alpnNames = config.Extensions.Alpn ?? Array.Empty<string>();
        _alpn = config.Extensions.Alpn?.Select(a => new SslApplicationProtocol(a)).ToList();
        _alpnOptional = config.Extensions.AlpnOptional;
    }

    public TlsEngine Kind => TlsEngine.System;

    /// <summary>The policy of the handshake; null when no client certificate is asked for in it.</summary>
    public ClientAuthentication? ClientAuthentication => _clientAuth.Handshake;

    /// <summary>The policy for a certificate asked for after the handshake (Invoke-TlsRenegotiation -RequestClientCertificate).</summary>
    public ClientAuthentication LaterRequest => _clientAuth.LaterRequest;

    public TimeSpan HandshakeTimeout { get; }

    /// <summary>Close an established connection that receives nothing for this long; null never.</summary>
    public TimeSpan? IdleTimeout { get; }

    public ITlsConnection Accept(Socket socket) => new SystemConnection(socket, this, _host);

    /// <summary>Never reached: ServerConfig refuses -Dtls for the System engine (SslStream has no DTLS).</summary>
    public Task ServeDatagramsAsync(Socket socket, CancellationToken stopping) =>
        throw new InvalidOperationException("The System engine has no DTLS; the configuration refuses it.");

    /// <summary>The options of one handshake, chosen once the ClientHello is in: the certificate by SNI, ALPN by what the client offers.</summary>
    public SslServerAuthenticationOptions OptionsFor(string? serverName, TlsClientHello? hello, RemoteCertificateValidationCallback validate)
    {
        var context = serverName is null ? _default
            : _byName.FirstOrDefault(n => n.Set.Matches(serverName)).Context ?? _default;
        return new SslServerAuthenticationOptions
        {
            ServerCertificateContext = context,
            EnabledSslProtocols = _protocols,
            CipherSuitesPolicy = _policy,
            ClientCertificateRequired = ClientAuthentication is not null,
            RemoteCertificateValidationCallback = validate,
            ApplicationProtocols = Alpn(hello),
            AllowRenegotiation = true,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
    }

    public void Dispose()
    {
        // SslStreamCertificateContext holds nothing that needs releasing before the process ends.
    }

    /// <summary>SslStream ends the handshake when ALPN finds no match, as RFC 7301 asks; with -AlpnOptional, ALPN is left out instead.</summary>
    private List<SslApplicationProtocol>? Alpn(TlsClientHello? hello)
    {
        if (_alpn is null || !_alpnOptional)
        {
            return _alpn;
        }

        return hello is not null && hello.ApplicationProtocols.Any(_alpnNames.Contains) ? _alpn : null;
    }

    private static SslStreamCertificateContext Context(CredentialSet set, SslCertificateTrust? trust)
    {
        var source = SystemCredentials.Load(set.Credentials[0]);
        return SslStreamCertificateContext.Create(source.Certificate, source.Chain, offline: true, trust);
    }

    /// <summary>The CAFile's certificates, named in the CertificateRequest as s_server does.</summary>
    private static SslCertificateTrust? Trust(IReadOnlyList<X509Certificate2> caFile) =>
        caFile.Count == 0 || !OperatingSystem.IsLinux() ? null
            : SslCertificateTrust.CreateForX509Collection(new X509Certificate2Collection(caFile.ToArray()), sendTrustInHandshake: true);

#pragma warning disable SYSLIB0039 // TLS 1.0 and 1.1 only when asked for, where the OS still allows them
    private static SslProtocols ToSslProtocols(TlsProtocol protocol) => protocol switch
    {
        TlsProtocol.Tls10 => SslProtocols.Tls,
        TlsProtocol.Tls11 => SslProtocols.Tls11,
        TlsProtocol.Tls12 => SslProtocols.Tls12,
        TlsProtocol.Tls13 => SslProtocols.Tls13,
        _ => SslProtocols.None,
    };
#pragma warning restore SYSLIB0039
}
