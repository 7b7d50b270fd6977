using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace TlsServer.Engine.Credentials;

/// <summary>Loads every credential the options name: the main one, a second one beside it, the SNI ones, and the extra chain.</summary>
internal static class CredentialSetLoader
{
    /// <param name="chainPath">Extra chain certificates sent after each server certificate (-ChainPath); read first.</param>
    /// <param name="main">Loads the main credentials (main and additional); returns null with -NoCertificate.</param>
    /// <returns>The default set (null with -NoCertificate) and the SNI sets in the order given.</returns>
    public static (CredentialSet? Default, IReadOnlyList<CredentialSet> ByName) Load(string? chainPath,
        Func<IReadOnlyList<ServerCredential>?> main, IReadOnlyList<ServerNameCredential> byName)
    {
        var chain = chainPath is null ? Array.Empty<BcCertificate>() : ReadChain(chainPath);
        var credentials = main();
        if (credentials is { Count: 2 } && credentials[0].KeyType == credentials[1].KeyType)
        {
            throw TlsServerException.Invalid(ErrorIds.AdditionalCertificateSameKeyType,
                $"Both certificates have {credentials[0].KeyType} keys; the second certificate must have another key type (e.g. ECDSA beside RSA), since the key type decides which one a client gets.");
        }

        var defaultSet = credentials is null ? null : new CredentialSet(credentials.Select(c => WithChain(c, chain)).ToArray());
        var named = byName.Select(n => new CredentialSet(new[] { WithChain(LoadNamed(n), chain) }, n.HostName)).ToArray();
        return (defaultSet, named);
    }

    private static ServerCredential LoadNamed(ServerNameCredential n)
    {
        if (string.IsNullOrWhiteSpace(n.HostName))
        {
            throw TlsServerException.Invalid(ErrorIds.ServerNameInvalid, "A server name entry has an empty host name.");
        }

        if (n.Certificate is not null)
        {
            return CredentialLoader.FromCertificate(n.Certificate);
        }

        if (n.CertificatePath is null)
        {
            throw TlsServerException.Invalid(ErrorIds.ServerNameCertificateMissing,
                $"The server name '{n.HostName}' has no certificate; give a certificate object or a certificate path.", n.HostName);
        }

        return CredentialLoader.FromFiles(n.CertificatePath, n.KeyPath, n.KeyPassword);
    }

    private static BcCertificate[] ReadChain(string path)
    {
        byte[] data = CredentialFile.Read(path, CredentialFileKind.Certificate);
        var certificates = CredentialFile.IsPem(data) ? PemObjects.Read(data, null, path, "certificate").Certificates
                                                      : DerObjects.ReadCertificates(data, path);
        if (certificates.Count == 0)
        {
            throw new TlsServerException(ErrorIds.CertificateNotFound, ErrorKind.InvalidData, $"The chain file '{path}' holds no certificate.", path);
        }

        return certificates.ToArray();
    }

    private static ServerCredential WithChain(ServerCredential credential, BcCertificate[] chain)
    {
        var extra = chain.Where(c => !credential.Chain.Contains(c)).ToArray();
        return extra.Length == 0 ? credential : new ServerCredential(credential.Chain.Concat(extra).ToArray(), credential.PrivateKey);
    }
}
