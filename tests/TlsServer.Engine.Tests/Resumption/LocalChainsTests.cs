using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using TlsServer.Engine.Engines.BouncyCastle.Resumption;

namespace TlsServer.Engine.Tests.Resumption;

public sealed class LocalChainsTests
{
    private readonly BcTlsCrypto _crypto = new(new SecureRandom());

    [Fact]
    public void TheSameBytesGiveTheChainParsedTheFirstTime()
    {
        var leaf = SelfSigned("leaf");
        var chains = new LocalChains();

        var first = chains.Get(new[] { leaf }, _crypto);
        var again = chains.Get(new[] { (byte[])leaf.Clone() }, _crypto);

        Assert.Same(first, again);
        Assert.Equal(leaf, first.GetCertificateAt(0).GetEncoded());
    }

    [Fact]
    public void DifferentChainsStayApart()
    {
        byte[] a = SelfSigned("a"), b = SelfSigned("b");
        var chains = new LocalChains();

        var one = chains.Get(new[] { a }, _crypto);
        var two = chains.Get(new[] { a, b }, _crypto);
        var other = chains.Get(new[] { b }, _crypto);

        Assert.Equal(1, one.Length);
        Assert.Equal(2, two.Length);
        Assert.Equal(b, two.GetCertificateAt(1).GetEncoded());
        Assert.Equal(b, other.GetCertificateAt(0).GetEncoded());
        Assert.NotSame(one, other);
    }

    [Fact]
    public void PastTheLimitAChainIsParsedEachTime()
    {
        var chains = new LocalChains();
        for (int i = 0; i < LocalChains.Limit; i++)
        {
            chains.Get(new[] { SelfSigned($"kept{i}") }, _crypto);
        }

        var extra = SelfSigned("extra");
        var first = chains.Get(new[] { extra }, _crypto);
        var again = chains.Get(new[] { extra }, _crypto);

        Assert.NotSame(first, again);
        Assert.Equal(extra, again.GetCertificateAt(0).GetEncoded());
    }

    private static byte[] SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.RawData;
    }
}
