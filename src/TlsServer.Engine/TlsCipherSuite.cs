using TlsServer.Engine.CipherSuites;
using TlsServer.Engine.Engines;

namespace TlsServer.Engine;

/// <summary>One cipher suite, as `openssl ciphers -v` describes it, and whether this server can serve it.</summary>
public sealed class TlsCipherSuite
{
    private TlsCipherSuite(CipherSuiteInfo c, string? unsupportedReason)
    {
        Name = c.OpenSslName ?? c.IanaName;
        IanaName = c.IanaName;
        OpenSslName = c.OpenSslName;
        Id = c.Id;
        Code = $"0x{c.Id >> 8:X2},0x{c.Id & 0xFF:X2}";
        Protocol = c.ProtocolText;
        KeyExchange = c.KeyExchangeText;
        Authentication = c.AuthenticationText;
        Encryption = c.EncryptionText;
        Mac = c.MacText;
        Bits = c.Bits;
        UnsupportedReason = unsupportedReason;
        Requires = c.KeyExchange switch
        {
            CipherKeyExchange.Psk or CipherKeyExchange.RsaPsk or CipherKeyExchange.DhePsk or CipherKeyExchange.EcdhePsk => "Psk",
            CipherKeyExchange.Srp => "SrpVerifierPath",
            _ => null,
        };
    }

    /// <summary>OpenSSL's name where it has one, else the IANA name.</summary>
    public string Name { get; }

    public string IanaName { get; }

    public string? OpenSslName { get; }

    public int Id { get; }

    /// <summary>The two bytes on the wire, as `openssl ciphers -V` prints them (0xC0,0x2F).</summary>
    public string Code { get; }

    /// <summary>The lowest version the suite is used with, in OpenSSL's words (SSLv3, TLSv1, TLSv1.2, TLSv1.3).</summary>
    public string Protocol { get; }

    public string KeyExchange { get; }

    public string Authentication { get; }

    public string Encryption { get; }

    public string Mac { get; }

    /// <summary>Symmetric strength in bits (3DES counts 112).</summary>
    public int Bits { get; }

    /// <summary>True when a server started with the same options would offer the suite.</summary>
    public bool Supported => UnsupportedReason is null;

    /// <summary>Why such a server would leave it out: the engine lacks it, it needs -Psk, @SECLEVEL forbids it, …</summary>
    public string? UnsupportedReason { get; }

    /// <summary>The Start-TlsServer parameter a server needs to offer the suite: Psk or SrpVerifierPath; null for certificate and anonymous suites.</summary>
    public string? Requires { get; }

    public override string ToString() => Name;

    /// <summary>
    /// Expands an OpenSSL cipher string (TLS 1.2 and older) and a TLS 1.3 suite list as `openssl ciphers -v
    /// -ciphersuites` does: the TLS 1.3 suites first, then the string's suites in order. Null takes the server's defaults.
    /// The same expansion and rules as Start-TlsServer's: each suite a server with the same options would leave out
    /// carries the reason (any version and any key are assumed, since those come from the server's certificate).
    /// </summary>
    /// <param name="warning">Set when parts of the string matched nothing (OpenSSL skips them silently), or a named suite is left out.</param>
    /// <param name="noCertificate">As Start-TlsServer -NoCertificate: anonymous suites (and PSK or SRP ones) only.</param>
    /// <param name="psk">As a server with -Psk: PSK suites can be served, and join the default.</param>
    /// <param name="srp">As a server with -SrpVerifierPath: SRP suites can be served, and join the default.</param>
    /// <param name="noDhe">As -NoDhe: no finite-field DHE suites.</param>
    /// <param name="engine">The engine whose suites count (-Engine).</param>
    /// <exception cref="TlsServerException">CipherStringInvalid, CipherStringNoMatch or CipherSuiteUnknown.</exception>
    public static IReadOnlyList<TlsCipherSuite> Expand(string? cipher, IReadOnlyList<string>? tls13Suites, out string? warning,
        bool noCertificate = false, bool psk = false, bool srp = false, bool noDhe = false, TlsEngine engine = TlsEngine.BouncyCastle)
    {
        var selection = CipherSuiteSelection.Select(new CipherRequest(cipher, tls13Suites, noCertificate, psk, srp, noDhe), ServerEngines.Suites(engine));
        warning = selection.Warnings.Count == 0 ? null : string.Join(" ", selection.Warnings);
        return selection.Expanded.Select(e => new TlsCipherSuite(e.Suite, e.LeftOutBecause)).ToArray();
    }
}
