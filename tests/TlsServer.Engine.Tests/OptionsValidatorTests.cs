namespace TlsServer.Engine.Tests;

public sealed class OptionsValidatorTests
{
    [Theory]
    [InlineData(70000, "PortOutOfRange")]
    [InlineData(-1, "PortOutOfRange")]
    public void PortsOutsideTheRangeAreRefused(int port, string errorId) =>
        Assert.Equal(errorId, Assert.Throws<TlsServerException>(() => Server.Start(new ServerOptions { Port = port })).ErrorId);

    [Fact]
    public void NoProtocolIsRefused() =>
        Assert.Equal("NoProtocol", Assert.Throws<TlsServerException>(() =>
            Server.Start(new ServerOptions { Port = 0, Protocols = Array.Empty<TlsProtocol>() })).ErrorId);

    [Fact]
    public void BothACertificateObjectAndPathsAreRefused()
    {
        using var cert = Credentials.SelfSignedCertificate.Create();
        var e = Assert.Throws<TlsServerException>(() =>
            Server.Start(new ServerOptions { Port = 0, Certificate = cert, CertificatePath = "x.pem" }));

        Assert.Equal("CertificateSourceConflict", e.ErrorId);
    }

    [Fact]
    public void AKeyWithoutACertificateIsRefused() =>
        Assert.Equal("KeyWithoutCertificate", Assert.Throws<TlsServerException>(() =>
            Server.Start(new ServerOptions { Port = 0, KeyPath = "k.pem" })).ErrorId);
}
