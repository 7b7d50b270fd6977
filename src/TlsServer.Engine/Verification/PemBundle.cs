using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.X509;
using TlsServer.Engine.Credentials;

namespace TlsServer.Engine.Verification;

/// <summary>The certificates and CRLs of a PEM or DER file; anything else in it (keys, parameters) is skipped.</summary>
internal sealed class PemBundle
{
    public List<X509Certificate> Certificates { get; } = new();

    public List<X509Crl> Crls { get; } = new();

    /// <param name="kind">What the file holds (CA certificates or CRLs) and so the ids of its errors.</param>
    public static PemBundle Read(string path, CredentialFileKind kind)
    {
        bool crl = kind == CredentialFileKind.Crl;
        byte[] data = CredentialFile.Read(path, kind);
        var bundle = new PemBundle();
        try
        {
            if (CredentialFile.IsPem(data))
            {
                var reader = new PemReader(new StringReader(System.Text.Encoding.ASCII.GetString(data)));
                while (reader.ReadPemObject() is { } pem)
                {
                    if (pem.Type is "CERTIFICATE" or "X509 CERTIFICATE" or "TRUSTED CERTIFICATE")
                    {
                        bundle.Certificates.Add(new X509CertificateParser().ReadCertificate(pem.Content));
                    }
                    else if (pem.Type == "X509 CRL")
                    {
                        bundle.Crls.Add(new X509CrlParser().ReadCrl(pem.Content));
                    }
                }

                if (bundle.Crls.Count == 0 && (crl || bundle.Certificates.Count == 0))
                {
                    throw new IOException("no PEM block of that kind was found");
                }
            }
            else if (crl)
            {
                bundle.Crls.Add(new X509CrlParser().ReadCrl(data) ?? throw new IOException("no CRL"));
            }
            else
            {
                bundle.Certificates.Add(new X509CertificateParser().ReadCertificate(data) ?? throw new IOException("no certificate"));
            }
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException
            or Org.BouncyCastle.Security.Certificates.CertificateException or Org.BouncyCastle.Security.Certificates.CrlException)
        {
            throw new TlsServerException(kind.InvalidId, ErrorKind.InvalidData,
                $"The {kind.Word} file '{path}' holds no readable {(crl ? "CRL" : "certificate")}: {e.Message}", path, e);
        }

        return bundle;
    }
}
