using TlsServer.Engine.Engines.Platform;

namespace TlsServer.Engine.Tests.Engines;

public sealed class ClientHelloCaptureTests
{
    /// <summary>A minimal ClientHello: TLS 1.2, one suite, no compression, an ALPN extension offering "h2".</summary>
    private static byte[] Hello()
    {
        byte[] alpn = { 0x00, 0x10, 0x00, 0x05, 0x00, 0x03, 0x02, (byte)'h', (byte)'2' };
        var body = new List<byte> { 0x03, 0x03 };
        body.AddRange(new byte[32]);
        body.Add(0);
        body.AddRange(new byte[] { 0x00, 0x02, 0x13, 0x01, 0x01, 0x00, 0x00, (byte)alpn.Length });
        body.AddRange(alpn);
        var message = new List<byte> { 0x01, 0x00, (byte)(body.Count >> 8), (byte)body.Count };
        message.AddRange(body);
        return message.ToArray();
    }

    private static byte[] Record(byte type, ReadOnlySpan<byte> payload)
    {
        var record = new byte[5 + payload.Length];
        record[0] = type;
        record[1] = 3;
        record[2] = 1;
        record[3] = (byte)(payload.Length >> 8);
        record[4] = (byte)payload.Length;
        payload.CopyTo(record.AsSpan(5));
        return record;
    }

    [Fact]
    public void AHelloSplitOverRecordsAndReadsIsReassembled()
    {
        byte[] hello = Hello();
        byte[] wire = Record(22, hello.AsSpan(0, 10)).Concat(Record(22, hello.AsSpan(10))).ToArray();
        var capture = new ClientHelloCapture();

        foreach (var chunk in wire.Chunk(7))
        {
            Assert.False(capture.Done);
            capture.Add(chunk);
        }

        Assert.True(capture.Done);
        Assert.Equal(hello, capture.Message);
        var parsed = capture.Parse();
        Assert.NotNull(parsed);
        Assert.Equal(new[] { 0x1301 }, parsed!.CipherSuites);
        Assert.Equal(new[] { "h2" }, parsed.ApplicationProtocols);
    }

    [Fact]
    public void SomethingElseThanAHandshakeRecordIsGivenUpOn()
    {
        var capture = new ClientHelloCapture();

        capture.Add("GET / HTTP/1.1\r\n"u8);

        Assert.True(capture.Done);
        Assert.Null(capture.Message);
        Assert.Null(capture.Parse());
    }

    [Fact]
    public void CaptureStopsAtItsByteLimit()
    {
        var capture = new ClientHelloCapture();
        var first = new byte[16 * 1024];
        first[0] = 1;
        first[1] = 0x10;

        capture.Add(Record(22, first));
        for (int sent = first.Length; sent < ClientHelloCapture.ByteLimit; sent += first.Length)
        {
            Assert.False(capture.Done);
            capture.Add(Record(22, new byte[first.Length]));
        }

        Assert.True(capture.Done);
        Assert.Null(capture.Message);
    }

    [Fact]
    public void AnotherHandshakeMessageIsNoClientHello()
    {
        var capture = new ClientHelloCapture();

        capture.Add(Record(22, new byte[] { 2, 0, 0, 0 }));

        Assert.True(capture.Done);
        Assert.Null(capture.Message);
    }
}
