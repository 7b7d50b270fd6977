using System.Net.Sockets;
using System.Text;
using TlsServer.Tests.Harness;

namespace TlsServer.Tests.Diagnostics;

/// <summary>
/// JA3 and JA4 of a ClientHello with a browser's layout (GREASE included), checked against the values a public
/// fingerprinting service published for that layout: JA4 t13d1516h2_8daaf6152771_d8a2da3f94cd and
/// JA3 98487aa16281980e7d1120d399efb6a4 (a Chrome 143 hello, as reported by browserleaks).
/// </summary>
public sealed class FingerprintTests : IDisposable
{
    private const string PublishedJa3 = "771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53," +
        "45-51-16-65037-23-17613-0-11-10-43-65281-35-18-5-13-27,4588-29-23-24,0";

    private readonly PowerShellSession _ps = new();

    [Fact]
    public void ABrowserLayoutGivesThePublishedJa3AndJa4()
    {
        int port = _ps.Get<int>("$server = Start-TlsServer -Port 0 -Address 127.0.0.1; $server.Port");

        using (var tcp = new TcpClient("127.0.0.1", port))
        {
            var stream = tcp.GetStream();
            stream.Write(Record(ChromeLikeHello()));
            stream.ReadTimeout = 10_000;
            try
            {
                stream.ReadExactly(new byte[5]);
            }
            catch (IOException)
            {
                // the server may refuse; the ClientHello is recorded either way
            }
        }

        var hello = _ps.Run("$null = Wait-TlsSession -Server $server -State Failed, Closed -TimeoutSec 10 -ErrorAction SilentlyContinue; (Get-TlsSession -Server $server).ClientHello").Single();
        Assert.Equal(PublishedJa3, hello.Properties["Ja3"].Value);
        Assert.Equal("98487aa16281980e7d1120d399efb6a4", hello.Properties["Ja3Hash"].Value);
        Assert.Equal("t13d1516h2_8daaf6152771_d8a2da3f94cd", hello.Properties["Ja4"].Value);
        Assert.Equal("example.com", hello.Properties["ServerName"].Value);
    }

    private static byte[] ChromeLikeHello()
    {
        ushort[] suites = { 0x0a0a, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035 };
        var extensions = new List<(ushort Type, byte[] Data)>
        {
            (0x1a1a, Array.Empty<byte>()),
            (45, new byte[] { 1, 1 }),
            (51, V16(U16(0x001d).Concat(V16(new byte[32])).ToArray())),
            (16, V16(V8(Encoding.ASCII.GetBytes("h2")).Concat(V8(Encoding.ASCII.GetBytes("http/1.1"))).ToArray())),
            (0xfe0d, new byte[] { 0, 0, 1, 0, 1 }),
            (23, Array.Empty<byte>()),
            (0x44cd, V16(V8(Encoding.ASCII.GetBytes("h2")))),
            (0, V16(new byte[] { 0 }.Concat(V16(Encoding.ASCII.GetBytes("example.com"))).ToArray())),
            (11, V8(new byte[] { 0 })),
            (10, V16(new ushort[] { 0x2a2a, 4588, 29, 23, 24 }.SelectMany(U16).ToArray())),
            (43, V8(new ushort[] { 0x3a3a, 0x0304, 0x0303 }.SelectMany(U16).ToArray())),
            (65281, new byte[] { 0 }),
            (35, Array.Empty<byte>()),
            (18, Array.Empty<byte>()),
            (5, new byte[] { 1, 0, 0, 0, 0 }),
            (13, V16(new ushort[] { 0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601 }.SelectMany(U16).ToArray())),
            (27, new byte[] { 2, 0, 2 }),
            (0x4a4a, new byte[] { 0 }),
        };
        var body = U16(0x0303)
            .Concat(Enumerable.Repeat((byte)7, 32))
            .Concat(V8(Enumerable.Repeat((byte)9, 32).ToArray()))
            .Concat(V16(suites.SelectMany(U16).ToArray()))
            .Concat(V8(new byte[] { 0 }))
            .Concat(V16(extensions.SelectMany(e => U16(e.Type).Concat(V16(e.Data))).ToArray()))
            .ToArray();
        return new byte[] { 1, 0, (byte)(body.Length >> 8), (byte)body.Length }.Concat(body).ToArray();
    }

    private static byte[] Record(byte[] handshake) =>
        new byte[] { 0x16, 3, 1 }.Concat(U16((ushort)handshake.Length)).Concat(handshake).ToArray();

    private static byte[] U16(ushort value) => new[] { (byte)(value >> 8), (byte)value };

    private static byte[] V8(byte[] data) => new[] { (byte)data.Length }.Concat(data).ToArray();

    private static byte[] V16(byte[] data) => U16((ushort)data.Length).Concat(data).ToArray();

    public void Dispose() => _ps.Dispose();
}
