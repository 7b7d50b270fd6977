using Org.BouncyCastle.Tls;
using TlsServer.Engine.Engines.BouncyCastle.Faults;

namespace TlsServer.Engine.Tests.Faults;

public sealed class HandshakeMessageTrackerTests
{
    [Fact]
    public void AMessageAcrossRecordsStartsInTheFirstAndEndsInTheLast()
    {
        var tracker = new HandshakeMessageTracker();
        var certificate = new byte[4 + 1000];
        certificate[0] = (byte)HandshakeType.certificate;
        certificate[2] = 1000 >> 8;
        certificate[3] = 1000 & 0xff;

        var first = tracker.OnRecord(ContentType.handshake, certificate.AsSpan(0, 400));
        var middle = tracker.OnRecord(ContentType.handshake, certificate.AsSpan(400, 400));
        var last = tracker.OnRecord(ContentType.handshake, certificate.AsSpan(800));

        Assert.Equal((TlsFaultPoint.Certificate, true, false), (first.Point, first.Starts, first.Ends));
        Assert.Equal((TlsFaultPoint.Certificate, false, false), (middle.Point, middle.Starts, middle.Ends));
        Assert.Equal((TlsFaultPoint.Certificate, false, true), (last.Point, last.Starts, last.Ends));
    }

    [Fact]
    public void AHelloRetryRequestIsKnownByItsRandom()
    {
        var tracker = new HandshakeMessageTracker();
        var retry = new byte[4 + 2 + 32];
        retry[0] = (byte)HandshakeType.server_hello;
        retry[3] = 34;
        Convert.FromHexString("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C").CopyTo(retry, 6);
        Assert.Equal(TlsFaultPoint.HelloRetryRequest, tracker.OnRecord(ContentType.handshake, retry).Point);

        retry[6] ^= 1;
        Assert.Equal(TlsFaultPoint.ServerHello, tracker.OnRecord(ContentType.handshake, retry).Point);
    }

    [Fact]
    public void AChangeCipherSpecIsItsOwnPointAndOtherMessagesNone()
    {
        var tracker = new HandshakeMessageTracker();
        Assert.Equal(TlsFaultPoint.ChangeCipherSpec, tracker.OnRecord(ContentType.change_cipher_spec, new byte[] { 1 }).Point);
        var keyUpdate = tracker.OnRecord(ContentType.handshake, new byte[] { (byte)HandshakeType.key_update, 0, 0, 1, 0 });
        Assert.Null(keyUpdate.Point);
        Assert.True(keyUpdate.Starts && keyUpdate.Ends);
        Assert.Equal(HandshakeType.key_update, keyUpdate.Type);
    }
}
