using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace TlsServer.Engine.Credentials;

/// <summary>The certificates and private key found in PEM text, in file order.</summary>
internal sealed class PemObjects
{
    public List<BcCertificate> Certificates { get; } = new();

    public AsymmetricKeyParameter? PrivateKey { get; private set; }

    public static PemObjects Read(byte[] data, char[]? password, string path, string what)
    {
        string text = System.Text.Encoding.ASCII.GetString(data);
        bool encrypted = text.Contains("ENCRYPTED PRIVATE KEY", StringComparison.Ordinal)
            || text.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal);
        if (encrypted && (password is null || password.Length == 0))
        {
            throw TlsServerException.Invalid(ErrorIds.KeyPasswordRequired,
                $"The private key in '{path}' is encrypted; give its password with -KeyPassword or -Pass.", path);
        }

        var result = new PemObjects();
        var reader = new PemReader(new StringReader(text), new Password(password));
        while (true)
        {
            object? obj;
            try
            {
                obj = reader.ReadObject();
            }
            catch (Exception e) when (encrypted && e is PemException or InvalidCipherTextException or Org.BouncyCastle.OpenSsl.PasswordException or ArgumentException or IOException)
            {
                throw new TlsServerException(ErrorIds.KeyPasswordIncorrect, ErrorKind.AuthenticationError,
                    $"The password for the private key in '{path}' is not correct.", path);
            }
            catch (Exception e) when (e is PemException or IOException or ArgumentException or InvalidOperationException or SecurityUtilityException)
            {
                throw new TlsServerException(what == "key" ? ErrorIds.KeyInvalid : ErrorIds.CertificateInvalid, ErrorKind.InvalidData,
                    $"The {what} file '{path}' holds PEM that cannot be read: {e.Message}", path);
            }

            if (obj is null)
            {
                return result;
            }

            switch (obj)
            {
                case BcCertificate c:
                    result.Certificates.Add(c);
                    break;
                case AsymmetricCipherKeyPair pair when result.PrivateKey is null:
                    result.PrivateKey = pair.Private;
                    break;
                case AsymmetricKeyParameter { IsPrivate: true } key when result.PrivateKey is null:
                    result.PrivateKey = key;
                    break;
            }
        }
    }

    private sealed class Password : IPasswordFinder
    {
        private readonly char[]? _password;

        public Password(char[]? password) => _password = password;

        public char[]? GetPassword() => _password is null ? null : (char[])_password.Clone();
    }
}
