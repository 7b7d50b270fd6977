namespace TlsServer.Engine.CipherSuites;

/// <summary>Key exchange classes, as OpenSSL's cipher strings name them (kRSA, kDHE, kECDHE…).</summary>
[Flags]
internal enum CipherKeyExchange
{
    None = 0,
    Rsa = 1 << 0,
    Dhe = 1 << 1,
    Ecdhe = 1 << 2,
    Psk = 1 << 3,
    RsaPsk = 1 << 4,
    EcdhePsk = 1 << 5,
    DhePsk = 1 << 6,
    Srp = 1 << 7,
    Any = 1 << 8,
    AllPsk = Psk | RsaPsk | EcdhePsk | DhePsk,
}

/// <summary>Server authentication classes (aRSA, aECDSA, aDSS, aNULL…).</summary>
[Flags]
internal enum CipherAuthentication
{
    None = 0,
    Rsa = 1 << 0,
    Dss = 1 << 1,
    Null = 1 << 2,
    Ecdsa = 1 << 3,
    Psk = 1 << 4,
    Srp = 1 << 5,
    Any = 1 << 6,
}

/// <summary>Bulk encryption classes (AES128, AESGCM, CHACHA20, eNULL…).</summary>
[Flags]
internal enum CipherEncryption
{
    None = 0,
    TripleDes = 1 << 0,
    Null = 1 << 1,
    Aes128 = 1 << 2,
    Aes256 = 1 << 3,
    Camellia128 = 1 << 4,
    Camellia256 = 1 << 5,
    Aes128Gcm = 1 << 6,
    Aes256Gcm = 1 << 7,
    Aes128Ccm = 1 << 8,
    Aes256Ccm = 1 << 9,
    Aes128Ccm8 = 1 << 10,
    Aes256Ccm8 = 1 << 11,
    ChaCha20Poly1305 = 1 << 12,
    Aria128Gcm = 1 << 13,
    Aria256Gcm = 1 << 14,
    Aria128 = 1 << 15,
    Aria256 = 1 << 16,
    Camellia128Gcm = 1 << 17,
    Camellia256Gcm = 1 << 18,
    AesGcm = Aes128Gcm | Aes256Gcm,
    AesCcm = Aes128Ccm | Aes256Ccm | Aes128Ccm8 | Aes256Ccm8,
    AesCcm8 = Aes128Ccm8 | Aes256Ccm8,
    Aes = Aes128 | Aes256 | AesGcm | AesCcm,
    Camellia = Camellia128 | Camellia256,
    AriaGcm = Aria128Gcm | Aria256Gcm,
    Cbc = TripleDes | Aes128 | Aes256 | Camellia128 | Camellia256 | Aria128 | Aria256,
}

/// <summary>Record protection (MD5, SHA1, SHA256, SHA384, or AEAD).</summary>
[Flags]
internal enum CipherMac
{
    None = 0,
    Md5 = 1 << 0,
    Sha1 = 1 << 1,
    Sha256 = 1 << 2,
    Sha384 = 1 << 3,
    Aead = 1 << 4,
}

/// <summary>OpenSSL's strength classes and the flag that keeps a suite out of DEFAULT.</summary>
[Flags]
internal enum CipherStrength
{
    None = 0,
    Low = 1 << 0,
    Medium = 1 << 1,
    High = 1 << 2,
    Fips = 1 << 3,
    NotDefault = 1 << 4,
    Classes = Low | Medium | High | Fips,
}
