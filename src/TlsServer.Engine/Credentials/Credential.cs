using Org.BouncyCastle.Crypto;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace TlsServer.Engine.Credentials;

internal static class Credential
{
    /// <summary>Builds a credential once the key is known to belong to the chain's first certificate.</summary>
    public static ServerCredential Checked(IReadOnlyList<BcCertificate> chain, AsymmetricKeyParameter key, string source)
    {
        if (chain.Count == 0)
        {
            throw new TlsServerException(ErrorIds.CertificateNotFound, ErrorKind.InvalidData,
                $"'{source}' holds no certificate.", source);
        }

        if (!KeyMatch.Matches(chain[0], key))
        {
            throw new TlsServerException(ErrorIds.KeyMismatch, ErrorKind.InvalidData,
                $"The private key does not belong to the certificate '{chain[0].SubjectDN}' from '{source}'.", source);
        }

        return new ServerCredential(chain, key);
    }
}
