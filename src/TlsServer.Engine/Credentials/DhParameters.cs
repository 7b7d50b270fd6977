using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Utilities.IO.Pem;
using TlsServer.Engine.Credentials;

namespace TlsServer.Engine.Tls;

/// <summary>Reads PKCS#3 DH parameters ("BEGIN DH PARAMETERS", as `openssl dhparam` writes them) for s_server's -dhparam.</summary>
internal static class DhParameters
{
    /// <summary>Below this, a client such as OpenSSL refuses the group anyway ("dh key too small").</summary>
    public const int MinimumBits = 1024;

    public static DHGroup Read(string path)
    {
        byte[] data = CredentialFile.Read(path, "DhParameter");
        try
        {
            byte[] der = data;
            if (CredentialFile.IsPem(data))
            {
                using var reader = new PemReader(new StreamReader(new MemoryStream(data)));
                PemObject? pem;
                do
                {
                    pem = reader.ReadPemObject();
                }
                while (pem is not null && pem.Type != "DH PARAMETERS");

                der = pem?.Content ?? throw Invalid(path, "it holds no 'DH PARAMETERS' block");
            }

            var p = DHParameter.GetInstance(Org.BouncyCastle.Asn1.Asn1Object.FromByteArray(der));
            if (p.P.BitLength < MinimumBits)
            {
                throw Invalid(path, $"its prime has {p.P.BitLength} bits; use at least {MinimumBits}");
            }

            return new DHGroup(p.P, null, p.G, p.L?.IntValue ?? 0);
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException)
        {
            throw Invalid(path, e.Message);
        }
    }

    private static TlsServerException Invalid(string path, string why) =>
        new("DhParametersInvalid", ErrorKind.InvalidData, $"The DH parameter file '{path}' cannot be used: {why}.", path);
}
