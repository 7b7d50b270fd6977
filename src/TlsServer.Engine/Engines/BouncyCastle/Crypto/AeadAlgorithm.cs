namespace TlsServer.Engine.Engines.BouncyCastle.Crypto;

/// <summary>The AEAD ciphers the engine hands to .NET when the platform has them.</summary>
internal enum AeadAlgorithm
{
    AesGcm,
    ChaCha20Poly1305,
}
