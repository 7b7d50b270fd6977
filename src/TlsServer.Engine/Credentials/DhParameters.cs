using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Utilities.IO.Pem;

namespace TlsServer.Engine.Credentials;

/// <summary>
/// Custom DH parameters for TLS 1.2 DHE (s_server -dhparam): the prime, the generator and the private value length (0
/// when the file gives none), read from PKCS#3 ("BEGIN DH PARAMETERS", as `openssl dhparam` writes them).
/// </summary>
internal sealed record DhParameters(BigInteger P, BigInteger G, int L)
{
    /// <summary>Below this, a client such as OpenSSL refuses the group anyway ("dh key too small").</summary>
    public const int MinimumBits = 1024;

    public static DhParameters Read(string path)
    {
        byte[] data = CredentialFile.Read(path, CredentialFileKind.DhParameters);
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

            return new DhParameters(p.P, p.G, p.L?.IntValue ?? 0);
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException)
        {
            throw Invalid(path, e.Message);
        }
    }

    private static TlsServerException Invalid(string path, string why) =>
        new(ErrorIds.DhParametersInvalid, ErrorKind.InvalidData, $"The DH parameter file '{path}' cannot be used: {why}.", path);
}
