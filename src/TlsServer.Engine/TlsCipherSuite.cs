using TlsServer.Engine.Tls;

namespace TlsServer.Engine;

/// <summary>One cipher suite, as `openssl ciphers -v` describes it, and whether this server can serve it.</summary>
public sealed class TlsCipherSuite
{
    private TlsCipherSuite(CipherSuiteInfo c)
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
        UnsupportedReason = CipherSuiteCatalog.Unservable(c);
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

    /// <summary>True when this server can serve the suite.</summary>
    public bool Supported => UnsupportedReason is null;

    /// <summary>Why the server cannot serve it (BouncyCastle lacks it).</summary>
    public string? UnsupportedReason { get; }

    /// <summary>The Start-TlsServer parameter a server needs to offer the suite: Psk or SrpVerifierPath; null for certificate and anonymous suites.</summary>
    public string? Requires { get; }

    public override string ToString() => Name;

    /// <summary>
    /// Expands an OpenSSL cipher string (TLS 1.2 and older) and a TLS 1.3 suite list as `openssl ciphers -v
    /// -ciphersuites` does: the TLS 1.3 suites first, then the string's suites in order. Null takes the server's defaults.
    /// </summary>
    /// <param name="warning">Set when parts of the string matched nothing (OpenSSL skips them silently).</param>
    /// <exception cref="TlsServerException">CipherStringInvalid, CipherStringNoMatch or CipherSuiteUnknown.</exception>
    public static IReadOnlyList<TlsCipherSuite> Expand(string? cipher, IReadOnlyList<string>? tls13Suites, out string? warning)
    {
        var tls13 = Tls13CipherSuites.Parse(tls13Suites);
        IReadOnlyList<CipherSuiteInfo> legacy;
        if (cipher is null)
        {
            legacy = DefaultCipherSuites.Legacy;
            warning = null;
        }
        else
        {
            var result = CipherString.ExpandSome(cipher);
            legacy = result.Suites;
            warning = result.Unmatched.Count == 0 ? null : CipherString.DescribeUnmatched(result.Unmatched);
        }

        return tls13.Concat(legacy).Select(c => new TlsCipherSuite(c)).ToArray();
    }
}
