namespace TlsServer.Engine.Pki;

/// <summary>The key types New-TlsCertificate makes.</summary>
public enum CertificateKeyAlgorithm
{
    Rsa2048,
    Rsa3072,
    Rsa4096,
    EcdsaP256,
    EcdsaP384,
    EcdsaP521,
    Ed25519,
}
