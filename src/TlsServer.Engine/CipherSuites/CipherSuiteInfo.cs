namespace TlsServer.Engine.CipherSuites;

/// <summary>One cipher suite as OpenSSL's cipher-string language sees it.</summary>
internal sealed record CipherSuiteInfo(
    int Id,
    string? OpenSslName,
    TlsProtocol MinimumProtocol,
    CipherKeyExchange KeyExchange,
    CipherAuthentication Authentication,
    CipherEncryption Encryption,
    CipherMac Mac,
    CipherStrength Strength)
{
    public string IanaName => CipherSuiteNames.IanaName(Id);

    public bool IsTls13 => MinimumProtocol == TlsProtocol.Tls13;

    /// <summary>Effective symmetric strength, as OpenSSL counts it (3DES: 112).</summary>
    public int Bits => Encryption switch
    {
        CipherEncryption.Null => 0,
        CipherEncryption.TripleDes => 112,
        _ when (Encryption & (CipherEncryption.Aes128 | CipherEncryption.Camellia128 | CipherEncryption.Aes128Gcm
            | CipherEncryption.Aes128Ccm | CipherEncryption.Aes128Ccm8 | CipherEncryption.Aria128Gcm
            | CipherEncryption.Aria128 | CipherEncryption.Camellia128Gcm)) != 0 => 128,
        _ => 256,
    };

    /// <summary>The key exchange as `openssl ciphers -v` prints it (Kx=).</summary>
    public string KeyExchangeText => KeyExchange switch
    {
        CipherKeyExchange.Ecdhe => "ECDH",
        CipherKeyExchange.Dhe => "DH",
        CipherKeyExchange.Rsa => "RSA",
        CipherKeyExchange.Psk => "PSK",
        CipherKeyExchange.RsaPsk => "RSAPSK",
        CipherKeyExchange.DhePsk => "DHEPSK",
        CipherKeyExchange.EcdhePsk => "ECDHEPSK",
        CipherKeyExchange.Srp => "SRP",
        _ => "any",
    };

    /// <summary>Au= in `openssl ciphers -v`.</summary>
    public string AuthenticationText => Authentication switch
    {
        CipherAuthentication.Ecdsa => "ECDSA",
        CipherAuthentication.Rsa => "RSA",
        CipherAuthentication.Dss => "DSS",
        CipherAuthentication.Null => "None",
        CipherAuthentication.Psk => "PSK",
        CipherAuthentication.Srp => "SRP",
        _ => "any",
    };

    /// <summary>Enc= in `openssl ciphers -v`, e.g. AESGCM(256).</summary>
    public string EncryptionText => Encryption switch
    {
        CipherEncryption.Null => "None",
        CipherEncryption.TripleDes => "3DES(168)",
        CipherEncryption.Aes128 or CipherEncryption.Aes256 => $"AES({Bits})",
        CipherEncryption.Aes128Gcm or CipherEncryption.Aes256Gcm => $"AESGCM({Bits})",
        CipherEncryption.Aes128Ccm or CipherEncryption.Aes256Ccm => $"AESCCM({Bits})",
        CipherEncryption.Aes128Ccm8 or CipherEncryption.Aes256Ccm8 => $"AESCCM8({Bits})",
        CipherEncryption.Camellia128 or CipherEncryption.Camellia256 => $"Camellia({Bits})",
        CipherEncryption.Camellia128Gcm or CipherEncryption.Camellia256Gcm => $"CamelliaGCM({Bits})",
        CipherEncryption.Aria128Gcm or CipherEncryption.Aria256Gcm => $"ARIAGCM({Bits})",
        CipherEncryption.Aria128 or CipherEncryption.Aria256 => $"ARIA({Bits})",
        _ => "CHACHA20/POLY1305(256)",
    };

    /// <summary>Mac= in `openssl ciphers -v`.</summary>
    public string MacText => Mac switch
    {
        CipherMac.Aead => "AEAD",
        CipherMac.Md5 => "MD5",
        CipherMac.Sha1 => "SHA1",
        CipherMac.Sha256 => "SHA256",
        _ => "SHA384",
    };

    /// <summary>The protocol column of `openssl ciphers -v`.</summary>
    public string ProtocolText => MinimumProtocol switch
    {
        TlsProtocol.Ssl3 => "SSLv3",
        TlsProtocol.Tls10 or TlsProtocol.Tls11 => "TLSv1",
        TlsProtocol.Tls12 => "TLSv1.2",
        _ => "TLSv1.3",
    };
}
