using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.X509;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace TlsServer.Engine.Credentials;

/// <summary>Reads DER certificates and keys by giving them the PEM armour of the structure they hold.</summary>
internal static class DerObjects
{
    public static List<BcCertificate> ReadCertificates(byte[] data, string path)
    {
        try
        {
            var certs = new X509CertificateParser().ReadCertificates(data).ToList();
            if (certs.Count > 0)
            {
                return certs;
            }
        }
        catch (Exception e) when (e is not TlsServerException)
        {
            // fall through to the error below
        }

        throw new TlsServerException(ErrorIds.CertificateInvalid, ErrorKind.InvalidData,
            $"The certificate file '{path}' holds neither a PEM nor a DER certificate.", path);
    }

    public static PemObjects ReadKey(byte[] data, char[]? password, string path)
    {
        string type = KeyStructure(data, path);
        string pem = $"-----BEGIN {type}-----\n{Convert.ToBase64String(data, Base64FormattingOptions.InsertLineBreaks)}\n-----END {type}-----\n";
        return PemObjects.Read(System.Text.Encoding.ASCII.GetBytes(pem), password, path, "key");
    }

    /// <summary>PKCS#8 and PKCS#1 start with version 0, SEC1 with version 1; encrypted PKCS#8 starts with an AlgorithmIdentifier.</summary>
    private static string KeyStructure(byte[] data, string path)
    {
        try
        {
            var seq = Asn1Sequence.GetInstance(data);
            if (seq[0] is Asn1Sequence)
            {
                return "ENCRYPTED PRIVATE KEY";
            }

            int version = DerInteger.GetInstance(seq[0]).IntValueExact;
            return version == 1 ? "EC PRIVATE KEY" : seq[1] is DerInteger ? "RSA PRIVATE KEY" : "PRIVATE KEY";
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException or ArithmeticException or IndexOutOfRangeException)
        {
            throw new TlsServerException(ErrorIds.KeyInvalid, ErrorKind.InvalidData,
                $"The key file '{path}' holds neither a PEM nor a DER private key.", path);
        }
    }
}
