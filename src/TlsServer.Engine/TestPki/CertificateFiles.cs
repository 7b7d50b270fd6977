using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Org.BouncyCastle.Asn1.EdEC;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using TlsServer.Engine.TestPki;

namespace TlsServer.Engine.Pki;

/// <summary>Writes certificates as PEM, private keys as (optionally encrypted) PKCS#8 PEM, and PKCS#12 files; key files are owner-only on Unix.</summary>
public static class CertificateFiles
{
    private const int KeyDerivationIterations = 100_000;

    public static void WriteCertificatePem(IEnumerable<X509Certificate2> certificates, string path) =>
        Write(path, Encoding.ASCII.GetBytes(string.Concat(certificates.Select(c => Pem("CERTIFICATE", c.RawData)))), secret: false);

    /// <summary>PKCS#8; with a password, encrypted with PBES2 (AES-256-CBC, HMAC-SHA256), as 'openssl pkcs8 -topk8 -v2 aes-256-cbc'.</summary>
    public static void WritePrivateKeyPem(X509Certificate2 certificate, string path, char[]? password)
    {
        var key = PrivateKey(certificate);
        string pem = password is null || password.Length == 0
            ? Pem("PRIVATE KEY", PrivateKeyInfo(key).GetEncoded())
            : Pem("ENCRYPTED PRIVATE KEY", EncryptedPrivateKeyInfoFactory.CreateEncryptedPrivateKeyInfo(
                NistObjectIdentifiers.IdAes256Cbc, PkcsObjectIdentifiers.IdHmacWithSha256, password,
                SecureRandom.GetNextBytes(new SecureRandom(), 16), KeyDerivationIterations, new SecureRandom(), PrivateKeyInfo(key)).GetEncoded());
        Write(path, Encoding.ASCII.GetBytes(pem), secret: true);
    }

    /// <summary>A PKCS#12 file with the key, the certificate and the given chain, protected with AES-256 (PBES2).</summary>
    public static void WritePfx(X509Certificate2 certificate, IEnumerable<X509Certificate2> chain, string path, char[]? password)
    {
        var store = new Pkcs12StoreBuilder()
            .SetKeyAlgorithm(NistObjectIdentifiers.IdAes256Cbc, PkcsObjectIdentifiers.IdHmacWithSha256)
            .SetCertAlgorithm(NistObjectIdentifiers.IdAes256Cbc, PkcsObjectIdentifiers.IdHmacWithSha256)
            .Build();
        var parser = new X509CertificateParser();
        var entries = new[] { certificate }.Concat(chain)
            .Select(c => new X509CertificateEntry(parser.ReadCertificate(c.RawData))).ToArray();
        string alias = certificate.GetNameInfo(X509NameType.SimpleName, false) is { Length: > 0 } name ? name : "certificate";
        store.SetKeyEntry(alias, new AsymmetricKeyEntry(PrivateKey(certificate)), entries);
        using var buffer = new MemoryStream();
        store.Save(buffer, password ?? Array.Empty<char>(), new SecureRandom());
        Write(path, buffer.ToArray(), secret: true);
    }

    /// <summary>PKCS#8 version 1: OpenSSL 3.0 cannot read BouncyCastle's version 2 Ed25519 encoding (with the public key).</summary>
    private static PrivateKeyInfo PrivateKeyInfo(Org.BouncyCastle.Crypto.AsymmetricKeyParameter key) => key is Ed25519PrivateKeyParameters ed
        ? new PrivateKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), new DerOctetString(ed.GetEncoded()))
        : PrivateKeyInfoFactory.CreatePrivateKeyInfo(key);

    internal static string Pem(string type, byte[] der) =>
        $"-----BEGIN {type}-----\n{Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", "\n")}\n-----END {type}-----\n";

    internal static void Write(string path, byte[] data, bool secret)
    {
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            bool unix = !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
            if (unix && secret)
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(path, options))
            {
                stream.Write(data);
            }

            if (unix && secret)
            {
                // An existing file keeps its mode when overwritten; tighten it.
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TlsServerException(ErrorIds.FileNotWritten, ErrorKind.PermissionDenied, $"'{path}' cannot be written: {e.Message}", path, e);
        }
    }

    private static Org.BouncyCastle.Crypto.AsymmetricKeyParameter PrivateKey(X509Certificate2 certificate) =>
        IssuedKeys.PrivateKeyOf(certificate) ?? throw TlsServerException.Invalid(ErrorIds.CertificateHasNoPrivateKey,
            $"The certificate '{certificate.Subject}' has no private key to write.", certificate);
}
