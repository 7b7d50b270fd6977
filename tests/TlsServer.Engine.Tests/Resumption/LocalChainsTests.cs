using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Security;
using Certificate = Org.BouncyCastle.Tls.Certificate;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using TlsServer.Engine.Engines.BouncyCastle.Resumption;

namespace TlsServer.Engine.Tests.Resumption;

public sealed class LocalChainsTests
{
    private readonly BcTlsCrypto _crypto = new(new SecureRandom());

    [Fact]
    public void AChainKeepsItsNumberAndTheNumberGivesItBack()
    {
        var chain = Chain("leaf");
        var chains = new LocalChains();

        int? first = chains.NumberOf(chain);
        int? again = chains.NumberOf(chain);

        Assert.NotNull(first);
        Assert.Equal(first, again);
        Assert.Same(chain, chains.Get(first!.Value));
    }

    [Fact]
    public void DifferentChainsGetDifferentNumbersEvenWithTheSameBytes()
    {
        var a = Chain("a");
        var copy = new Certificate(new[] { _crypto.CreateCertificate(a.GetCertificateAt(0).GetEncoded()) });
        var chains = new LocalChains();

        int? one = chains.NumberOf(a);
        int? two = chains.NumberOf(copy);

        Assert.NotEqual(one, two);
        Assert.Same(a, chains.Get(one!.Value));
        Assert.Same(copy, chains.Get(two!.Value));
    }

    [Fact]
    public void PastTheLimitAChainHasNoNumber()
    {
        var chains = new LocalChains();
        for (int i = 0; i < LocalChains.Limit; i++)
        {
            Assert.Equal(i, chains.NumberOf(Chain($"kept{i}")));
        }

        Assert.Null(chains.NumberOf(Chain("extra")));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(LocalChains.Limit)]
    public void ANumberNoChainHasGivesNone(int number) => Assert.Null(new LocalChains().Get(number));

    private Certificate Chain(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return new Certificate(new[] { _crypto.CreateCertificate(certificate.RawData) });
    }
}
