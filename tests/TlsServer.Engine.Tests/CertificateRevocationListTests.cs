using System.Security.Cryptography.X509Certificates;
using TlsServer.Engine.Pki;

namespace TlsServer.Engine.Tests;

public sealed class CertificateRevocationListTests
{
    [Fact]
    public void SerialNumbersReadAsX509Certificate2WritesThem()
    {
        var ca = TestCertificates.Create(new CertificateSpec { Type = CertificateType.CA });

        // A serial whose first hex digit is 0 is the case a plain number-to-hex conversion gets wrong.
        X509Certificate2? leadingZero = null;
        for (int i = 0; i < 500 && leadingZero is null; i++)
        {
            var c = TestCertificates.Create(new CertificateSpec { Type = CertificateType.Client, Signer = ca, Revoked = true });
            leadingZero = c.SerialNumber.StartsWith('0') ? c : null;
        }

        Assert.NotNull(leadingZero);
        var crl = CertificateRevocationList.Create(ca, Array.Empty<X509Certificate2>(), null);
        Assert.Contains(leadingZero!.SerialNumber, crl.RevokedSerialNumbers);
    }
}
