namespace TlsServer.Engine.Engines.Platform;

/// <summary>
/// The Start-TlsServer parameters the System engine cannot honour. All of them are refused at once, at start, in one
/// error (EngineUnsupportedParameter), so none is ever ignored silently.
/// </summary>
internal static class SystemEngineSupport
{
    private const string Tickets = "SslStream keeps OpenSSL's session cache and tickets to itself";
    private const string Stapling = "SslStream staples OCSP on its own, from the certificate's AIA, and cannot be told what to staple";
    private const string Stream = "SslStream reads and writes the socket itself";
    private const string Messages = "SslStream shows no handshake messages; only the ClientHello is seen, before encryption";

    /// <exception cref="TlsServerException">EngineUnsupportedParameter, naming every parameter and why.</exception>
    public static void Validate(ServerOptions o)
    {
        if (o.Engine != TlsEngine.System)
        {
            return;
        }

        var refused = Unsupported(o);
        if (refused.Count > 0)
        {
            throw new TlsServerException("EngineUnsupportedParameter", ErrorKind.NotImplemented,
                "The System engine (the operating system's TLS through .NET's SslStream) cannot honour "
                + string.Join("; ", refused.Select(r => $"{r.Parameter} ({r.Why})"))
                + ". Leave them out, or use -Engine BouncyCastle, which honours them all.",
                refused.Select(r => r.Parameter).ToArray());
        }
    }

    /// <summary>Where SslStream takes a list of cipher suites.</summary>
    public static bool CipherSuitesPolicySupported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    public static IReadOnlyList<(string Parameter, string Why)> Unsupported(ServerOptions o)
    {
        var refused = new List<(string, string)>();
        void Check(bool given, string parameter, string why)
        {
            if (given)
            {
                refused.Add((parameter, why));
            }
        }

        var protocols = Tls.ProtocolRange.Resolve(o);
        var e = o.Extensions;
        var d = o.Diagnostics;
        Check(protocols.Contains(TlsProtocol.Ssl3), "-Protocol Ssl3", "SslStream has no SSL 3.0");
        Check(!CipherSuitesPolicySupported && (o.Cipher is not null || o.CipherSuites is not null || o.NoDhe),
            "-Cipher, -CipherSuite, -NoDhe", "SslStream chooses suites only on Linux and macOS (CipherSuitesPolicy); elsewhere the OS decides");
        Check(o.NoCertificate, "-NoCertificate", "SslStream always presents a certificate; it has no anonymous suites");
        Check(o.AdditionalCertificate is not null || o.AdditionalCertificatePath is not null, "-AdditionalCertificate",
            "SslStream serves one certificate per handshake");
        Check(o.ServerNameFatal, "-ServerNameFatal", "SslStream cannot end a handshake with unrecognized_name");
        Check(o.ServerPreference, "-ServerPreference", "SslStream has no switch for the order of suites and groups");
        Check(o.Groups is not null, "-Group", "SslStream has no setting for key exchange groups");
        Check(o.DhParameterPath is not null, "-DhParameterPath", "SslStream takes no DH parameters");
        Check(o.SignatureAlgorithms is not null, "-SignatureAlgorithm", "SslStream has no setting for signature schemes");
        Check(o.ClientSignatureAlgorithms is not null, "-ClientSignatureAlgorithm", "SslStream has no setting for signature schemes");
        Check(o.MaxHandshakeMessageSize != ServerOptions.DefaultMaxHandshakeMessageSize, "-MaxHandshakeMessageSize",
            "OpenSSL's limit is not reachable through SslStream");
        Check(o.NoSessionCache, "-NoSessionCache", Tickets);
        Check(o.SessionCacheSize != ServerOptions.DefaultSessionCacheSize, "-SessionCacheSize", Tickets);
        Check(o.SessionCacheTimeout != ServerOptions.DefaultSessionCacheTimeout, "-SessionCacheTimeoutSec", Tickets);
        Check(o.SessionContext is not null, "-SessionContext", Tickets);
        Check(o.SessionIdPrefix is not null, "-SessionIdPrefix", Tickets);
        Check(o.NoTicket, "-NoTicket", Tickets);
        Check(o.NoResumptionOnRenegotiation, "-NoResumptionOnRenegotiation", Tickets);
        Check(o.AllowLegacyResumption, "-AllowLegacyResumption", Tickets);
        Check(e.NextProtocols is not null, "-NextProtoNeg", "SslStream has no NPN");
        Check(e.Status, "-Status", Stapling);
        Check(e.StatusUrl is not null, "-StatusUrl", Stapling);
        Check(e.StatusFile is not null, "-StatusFile", Stapling);
        Check(e.StatusVerbose, "-StatusVerbose", Stapling);
        Check(e.StatusTimeout != ExtensionOptions.DefaultStatusTimeout, "-StatusTimeoutSec", Stapling);
        Check(e.ServerInfoPath is not null, "-ServerInfoPath", "SslStream cannot add extensions to its hello");
        Check(e.KeyLogPath is not null, "-KeyLogPath", "SslStream does not hand out the session's secrets");
        Check(e.KeyingMaterialLabel is not null, "-KeyingMaterialLabel", "SslStream has no keying material exporter");
        Check(e.KeyingMaterialLength != ExtensionOptions.DefaultKeyingMaterialLength, "-KeyingMaterialLength",
            "SslStream has no keying material exporter");
        Check(d.Messages, "-Msg", Messages);
        Check(d.State, "-State", Messages);
        Check(d.MessageLimit != DiagnosticOptions.DefaultMessageLimit, "-MessageLimit", Messages);
        Check(Tls.ProtocolRange.IsDtls(o), "-Dtls", "SslStream has no DTLS");
        Check(o.PreSharedKeys is { Count: > 0 }, "-Psk", "SslStream has no pre-shared keys");
        Check(o.SrpVerifierPath is not null, "-SrpVerifierPath", "SslStream has no SRP");
        Check(o.NoExtendedMasterSecret, "-NoExtendedMasterSecret", "SslStream always offers the extended master secret");
        Check(o.NoEncryptThenMac, "-NoEncryptThenMac", "SslStream has no switch for encrypt-then-MAC");
        Check(o.NoMiddleboxCompatibility, "-NoMiddleboxCompatibility", "SslStream has no switch for the TLS 1.3 ChangeCipherSpec");
        Check(o.MaxSendFragment != Tls.RecordLayerSettings.MaxFragmentLength, "-MaxSendFragment", "SslStream sizes its own records");
        Check(o.ReadBufferSize != ServerOptions.DefaultReadBufferSize, "-ReadBufferSize", Stream);
        Check(o.NonBlockingTest, "-NonBlockingTest", Stream);
        return refused;
    }
}
