using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.X509;
using TlsServer.Engine.TestPki;

namespace TlsServer.Engine.Credentials;

/// <summary>Loads one checked credential from files or from a certificate object with its key.</summary>
internal static class CredentialLoader
{
    public static ServerCredential FromFiles(string certPath, string? keyPath, char[]? password)
    {
        byte[] certData = CredentialFile.Read(certPath, CredentialFileKind.Certificate);
        bool certIsPem = CredentialFile.IsPem(certData);
        if (!certIsPem && Pkcs12File.Looks(certData))
        {
            return Pkcs12File.Load(certData, password, certPath);
        }

        var chain = certIsPem ? PemObjects.Read(certData, password, certPath, "certificate").Certificates
                              : DerObjects.ReadCertificates(certData, certPath);

        string keySource = string.IsNullOrEmpty(keyPath) ? certPath : keyPath;
        byte[] keyData = ReferenceEquals(keySource, certPath) ? certData : CredentialFile.Read(keySource, CredentialFileKind.Key);
        var key = (CredentialFile.IsPem(keyData) ? PemObjects.Read(keyData, password, keySource, "key")
                                                 : DerObjects.ReadKey(keyData, password, keySource)).PrivateKey
            ?? throw new TlsServerException(ErrorIds.KeyNotFound, ErrorKind.InvalidData,
                $"No private key was found in '{keySource}'; give the key file with -KeyPath.", keySource);
        return Credential.Checked(chain, key, keySource);
    }

    public static ServerCredential FromCertificate(X509Certificate2 certificate)
    {
        var key = IssuedKeys.PrivateKeyOf(certificate)
            ?? throw TlsServerException.Invalid(ErrorIds.CertificateHasNoPrivateKey,
                $"The certificate '{certificate.Subject}' has no private key; pass one that does, or use -CertificatePath with -KeyPath.",
                certificate);
        var chain = new List<Org.BouncyCastle.X509.X509Certificate> { new X509CertificateParser().ReadCertificate(certificate.RawData) };
        return Credential.Checked(chain, key, certificate.Subject);
    }
}
