using Org.BouncyCastle.Math.EC.Rfc7748;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using Org.BouncyCastle.Tls;
using TlsServer.Engine.Engines.BouncyCastle.Crypto;

namespace TlsServer.Engine.Tests.Crypto;

/// <summary>X25519 on OpenSSL agrees with BouncyCastle's, and refuses what BouncyCastle refuses.</summary>
public sealed class OpenSslX25519Tests
{
    private readonly BcTlsCrypto _crypto = new(new SecureRandom());

    [Fact]
    public void IsUsedWhereTheRuntimeUsesOpenSsl()
    {
        // .NET uses OpenSSL on Linux, so a Linux machine must have it; elsewhere BouncyCastle's X25519 is kept.
        Assert.Equal(OperatingSystem.IsLinux(), OpenSslX25519.IsAvailable);
    }

    [Fact]
    public void BothSidesOfAnExchangeWithBouncyCastleGetTheSameSecret()
    {
        if (!OpenSslX25519.IsAvailable)
        {
            return;
        }

        for (int i = 0; i < 20; i++)
        {
            var ours = new OpenSslX25519Agreement(_crypto);
            var theirs = new BcX25519(_crypto);
            byte[] ourPublic = ours.GenerateEphemeral();
            byte[] theirPublic = theirs.GenerateEphemeral();
            ours.ReceivePeerValue(theirPublic);
            theirs.ReceivePeerValue(ourPublic);

            Assert.Equal(theirs.CalculateSecret().Extract(), ours.CalculateSecret().Extract());
        }
    }

    [Fact]
    public void ASmallOrderPeerValueIsAHandshakeFailure()
    {
        if (!OpenSslX25519.IsAvailable)
        {
            return;
        }

        var ours = new OpenSslX25519Agreement(_crypto);
        ours.GenerateEphemeral();
        ours.ReceivePeerValue(new byte[X25519.PointSize]); // the all-zero point gives an all-zero secret

        var alert = Assert.Throws<TlsFatalAlert>(() => ours.CalculateSecret());
        Assert.Equal(AlertDescription.handshake_failure, alert.AlertDescription);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void APeerValueOfTheWrongLengthIsAnIllegalParameter(int length)
    {
        var alert = Assert.Throws<TlsFatalAlert>(() => new OpenSslX25519Agreement(_crypto).ReceivePeerValue(new byte[length]));
        Assert.Equal(AlertDescription.illegal_parameter, alert.AlertDescription);
    }
}
