using Org.BouncyCastle.Tls;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>
/// Key exchanges on secrets shared with the client: TLS 1.2 PSK, DHE_PSK, ECDHE_PSK and RSA_PSK suites, TLS 1.3
/// external PSKs (psk_dhe_ke), and SRP. The suites themselves come from <see cref="ServerCipherSuites"/>.
/// </summary>
internal sealed partial class ServerPeer : TlsPskIdentityManager
{
    private int _externalPskPrf = -1;
    private byte[]? _srpIdentity;
    private TlsSrpLoginParameters? _srpLogin;

    /// <summary>DTLS only: BouncyCastle gives up a handshake after this long (its retransmission timers run within it).</summary>
    public override int GetHandshakeTimeoutMillis() => _config.HandshakeTimeoutMillis;

    public override TlsPskIdentityManager? GetPskIdentityManager() => _config.Psk is null ? null : this;

    public byte[]? GetHint() => _config.Psk?.Hint;

    /// <summary>TLS 1.2 and older: the key of the identity in the ClientKeyExchange.</summary>
    public byte[]? GetPsk(byte[] identity)
    {
        var key = _config.Psk?.Find(identity, out _);
        _record.SetPskIdentity(Printable(identity));
        return key;
    }

    /// <summary>TLS 1.3: the first offered identity the server knows, with OpenSSL's hash for external PSKs (SHA-256).</summary>
    public override TlsPskExternal? GetExternalPsk(IList<PskIdentity> identities)
    {
        if (_config.Psk is null)
        {
            return null;
        }

        foreach (var offered in identities)
        {
            if (_config.Psk.Find(offered.Identity, out _) is { } key)
            {
                _externalPskPrf = PrfAlgorithm.tls13_hkdf_sha256;
                _record.SetPskIdentity(Printable(offered.Identity));
                return new BasicTlsPskExternal(offered.Identity, Crypto.CreateSecret(key), _externalPskPrf);
            }
        }

        return null;
    }

    /// <summary>
    /// TLS 1.3 with a PSK: only suites whose hash is the PSK's (BouncyCastle would pick any, and the handshake would
    /// fail). SRP suites: the client's user must be in the verifier file.
    /// </summary>
    public override int GetSelectedCipherSuite()
    {
        var sp = m_context.SecurityParameters;
        if (_externalPskPrf >= 0 && TlsUtilities.IsTlsV13(sp.NegotiatedVersion))
        {
            var sameHash = GetCipherSuites().Where(s => Tls13Prf(s) == _externalPskPrf).ToArray();
            int suite = TlsUtilities.GetCommonCipherSuite13(sp.NegotiatedVersion, m_offeredCipherSuites, sameHash, PreferLocalCipherSuites());
            return suite >= 0 ? suite
                : throw new TlsFatalAlert(AlertDescription.handshake_failure, "No offered TLS 1.3 suite has the PSK's hash (SHA-256)");
        }

        if (TlsUtilities.IsTlsV13(sp.NegotiatedVersion))
        {
            Tls13Signer(); // before the ServerHello
        }

        int selected = base.GetSelectedCipherSuite();
        if (TlsSrpUtilities.IsSrpCipherSuite(selected))
        {
            _srpLogin = _srpIdentity is null ? null : _config.Srp?.GetLoginParameters(_srpIdentity);
            _record.SetSrpUser(_srpIdentity is null ? null : Printable(_srpIdentity));
            if (_srpLogin is null)
            {
                throw new TlsFatalAlert(AlertDescription.unknown_psk_identity, "Unknown SRP user");
            }
        }

        return selected;
    }

    public override TlsSrpLoginParameters? GetSrpLoginParameters() => _srpLogin;

    /// <summary>Called from ProcessClientExtensions: the SRP user name, if the client sent one.</summary>
    private void ReadSrpExtension(IDictionary<int, byte[]> clientExtensions) =>
        _srpIdentity = _config.Srp is null ? null : TlsSrpUtilities.GetSrpExtension(clientExtensions);

    private static string Printable(byte[] identity) => TlsServer.Engine.Diagnostics.PrintableText.FromUtf8(identity);

    /// <summary>The hash of a TLS 1.3 suite, as BouncyCastle's PRF algorithm; -1 for other suites.</summary>
    private static int Tls13Prf(int suite) => suite switch
    {
        CipherSuite.TLS_AES_256_GCM_SHA384 => PrfAlgorithm.tls13_hkdf_sha384,
        CipherSuite.TLS_AES_128_GCM_SHA256 or CipherSuite.TLS_CHACHA20_POLY1305_SHA256
            or CipherSuite.TLS_AES_128_CCM_SHA256 or CipherSuite.TLS_AES_128_CCM_8_SHA256 => PrfAlgorithm.tls13_hkdf_sha256,
        _ => -1,
    };
}
