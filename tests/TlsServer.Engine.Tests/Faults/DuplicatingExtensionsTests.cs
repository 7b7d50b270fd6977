using Org.BouncyCastle.Tls;
using TlsServer.Engine.Engines.BouncyCastle.Faults;

namespace TlsServer.Engine.Tests.Faults;

public sealed class DuplicatingExtensionsTests
{
    [Fact]
    public void BouncyCastleEncodesTheDuplicatedExtensionTwice()
    {
        var extensions = new Dictionary<int, byte[]>
        {
            [ExtensionType.supported_versions] = new byte[] { 3, 4 },
            [ExtensionType.key_share] = new byte[] { 0, 29, 0, 1, 9 },
        };
        var hello = new ServerHello(ProtocolVersion.TLSv12, new byte[32], Array.Empty<byte>(), CipherSuite.TLS_AES_128_GCM_SHA256,
            new DuplicatingExtensions(extensions, ExtensionType.supported_versions));
        var encoded = new MemoryStream();
        hello.Encode(null!, encoded);

        var types = ExtensionTypes(encoded.ToArray());
        Assert.Equal(new[] { ExtensionType.supported_versions, ExtensionType.supported_versions, ExtensionType.key_share }, types);
        Assert.Equal(2, extensions.Count);
    }

    /// <summary>The extension types of an encoded ServerHello (version, random, empty session id, suite, compression), in order.</summary>
    private static List<int> ExtensionTypes(byte[] hello)
    {
        int at = 2 + 32 + 1 + 2 + 1 + 2;
        var types = new List<int>();
        while (at < hello.Length)
        {
            types.Add((hello[at] << 8) | hello[at + 1]);
            at += 4 + ((hello[at + 2] << 8) | hello[at + 3]);
        }

        return types;
    }
}
