using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Pkcs;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace TlsServer.Engine.Credentials;

/// <summary>Reads the first key entry of a PKCS#12/PFX file with its chain.</summary>
internal static class Pkcs12File
{
    public static bool Looks(byte[] data)
    {
        try
        {
            Pfx.GetInstance(Asn1Object.FromByteArray(data));
            return true;
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidCastException or InvalidOperationException)
        {
            return false;
        }
    }

    public static ServerCredential Load(byte[] data, char[]? password, string path)
    {
        var store = new Pkcs12StoreBuilder().Build();
        try
        {
            store.Load(new MemoryStream(data), password ?? Array.Empty<char>());
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or Org.BouncyCastle.Crypto.InvalidCipherTextException)
        {
            bool noPassword = password is null || password.Length == 0;
            throw new TlsServerException(noPassword ? ErrorIds.KeyPasswordRequired : ErrorIds.KeyPasswordIncorrect,
                noPassword ? ErrorKind.InvalidArgument : ErrorKind.AuthenticationError,
                noPassword
                    ? $"The PKCS#12 file '{path}' cannot be opened without a password; give it with -KeyPassword or -Pass."
                    : $"The password for the PKCS#12 file '{path}' is not correct.", path);
        }

        foreach (string alias in store.Aliases)
        {
            if (!store.IsKeyEntry(alias))
            {
                continue;
            }

            var chain = store.GetCertificateChain(alias)?.Select(e => e.Certificate).ToList()
                ?? new List<BcCertificate> { store.GetCertificate(alias).Certificate };
            return Credential.Checked(chain, store.GetKey(alias).Key, path);
        }

        throw new TlsServerException(ErrorIds.KeyNotFound, ErrorKind.InvalidData,
            $"The PKCS#12 file '{path}' holds no private key.", path);
    }
}
