using TlsServer.Engine.Registry;

namespace TlsServer.Engine;

/// <summary>
/// What the System engine (the operating system's TLS through .NET's SslStream) cannot honour. Every such option
/// that was given is refused at once, in one error (EngineUnsupportedParameter), so none is ever ignored silently.
/// It is checked on the options, before anything is loaded: a value given equal to the default is refused too.
/// </summary>
public sealed partial class ServerConfig
{
    private const string Tickets = "SslStream keeps OpenSSL's session cache and tickets to itself";
    private const string Stapling = "SslStream staples OCSP on its own, from the certificate's AIA, and cannot be told what to staple";
    private const string Stream = "SslStream reads and writes the socket itself";
    private const string Messages = "SslStream shows no handshake messages; only the ClientHello is seen, before encryption";

    /// <summary>Where SslStream takes a list of cipher suites.</summary>
    internal static bool CipherSuitesPolicySupported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    private static void CheckEngineSupport(ServerOptions o, IReadOnlyList<TlsProtocol> versions)
    {
        if (o.Engine != TlsEngine.System)
        {
            return;
        }

        var refused = SystemEngineGaps(o, versions);
        if (refused.Count > 0)
        {
            throw TlsServerException.NotSupported(ErrorIds.EngineUnsupportedParameter,
                "The System engine (the operating system's TLS through .NET's SslStream) cannot honour "
                + string.Join("; ", refused.Select(r => $"{r.Parameter} ({r.Why})"))
                + ". Leave them out, or use -Engine BouncyCastle, which honours them all.",
                refused.Select(r => r.Parameter).ToArray());
        }
    }

    /// <summary>Each option the System engine cannot honour that was given, with the reason.</summary>
    internal static IReadOnlyList<(string Parameter, string Why)> SystemEngineGaps(ServerOptions o, IReadOnlyList<TlsProtocol> versions)
    {
        var refused = new List<(string, string)>();
        void Check(bool given, string parameter, string why)
        {
            if (given)
            {
                refused.Add((parameter, why));
            }
        }

        var e = o.Extensions;
        var d = o.Diagnostics;
        Check(versions.Contains(TlsProtocol.Ssl3), "-Protocol Ssl3", "SslStream has no SSL 3.0");
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
        Check(o.MaxHandshakeMessageSize is not null, "-MaxHandshakeMessageSize", "OpenSSL's limit is not reachable through SslStream");
        Check(o.NoSessionCache, "-NoSessionCache", Tickets);
        Check(o.SessionCacheSize is not null, "-SessionCacheSize", Tickets);
        Check(o.SessionCacheTimeout is not null, "-SessionCacheTimeoutSec", Tickets);
        Check(o.SessionContext is not null, "-SessionContext", Tickets);
        Check(o.SessionIdPrefix is not null, "-SessionIdPrefix", Tickets);
        Check(o.NoTicket, "-NoTicket", Tickets);
        Check(o.NoResumptionOnRenegotiation, "-NoResumptionOnRenegotiation", Tickets);
        Check(o.AllowLegacyResumption, "-AllowLegacyResumption", Tickets);
        Check(e.Status, "-Status", Stapling);
        Check(e.StatusUrl is not null, "-StatusUrl", Stapling);
        Check(e.StatusFile is not null, "-StatusFile", Stapling);
        Check(e.StatusVerbose, "-StatusVerbose", Stapling);
        Check(e.StatusTimeout is not null, "-StatusTimeoutSec", Stapling);
        Check(e.ServerInfoPath is not null, "-ServerInfoPath", "SslStream cannot add extensions to its hello");
        Check(e.KeyLogPath is not null, "-KeyLogPath", "SslStream does not hand out the session's secrets");
        Check(e.KeyingMaterialLabel is not null, "-KeyingMaterialLabel", "SslStream has no keying material exporter");
        Check(e.KeyingMaterialLength is not null, "-KeyingMaterialLength", "SslStream has no keying material exporter");
        Check(d.Messages, "-Msg", Messages);
        Check(d.State, "-State", Messages);
        Check(d.MessageLimit is not null, "-MessageLimit", Messages);
        Check(versions.Any(ProtocolVersions.IsDtls), "-Dtls", "SslStream has no DTLS");
        Check(o.PreSharedKeys is { Count: > 0 }, "-Psk", "SslStream has no pre-shared keys");
        Check(o.SrpVerifierPath is not null, "-SrpVerifierPath", "SslStream has no SRP");
        Check(o.NoExtendedMasterSecret, "-NoExtendedMasterSecret", "SslStream always offers the extended master secret");
        Check(o.NoEncryptThenMac, "-NoEncryptThenMac", "SslStream has no switch for encrypt-then-MAC");
        Check(o.NoMiddleboxCompatibility, "-NoMiddleboxCompatibility", "SslStream has no switch for the TLS 1.3 ChangeCipherSpec");
        Check(o.MaxSendFragment is not null, "-MaxSendFragment", "SslStream sizes its own records");
        Check(o.ReadBufferSize is not null, "-ReadBufferSize", Stream);
        Check(o.NonBlockingTest, "-NonBlockingTest", Stream);
        return refused;
    }
}
