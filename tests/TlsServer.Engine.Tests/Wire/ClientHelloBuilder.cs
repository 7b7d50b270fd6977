using static TlsServer.Engine.Tests.Wire.WireBytes;

namespace TlsServer.Engine.Tests.Wire;

/// <summary>
/// A ClientHello written byte by byte, shaped like openssl s_client's and the same on every run (fixed random and key
/// share), so one case sends identical bytes to both servers. Tests change its parts to break it on purpose.
/// </summary>
internal sealed class ClientHelloBuilder
{
    public const int ServerName = 0, StatusRequest = 5, SupportedGroups = 10, EcPointFormats = 11, SignatureAlgorithms = 13,
        Alpn = 16, StatusRequestV2 = 17, EncryptThenMac = 22, ExtendedMasterSecret = 23, SessionTicket = 35, EarlyData = 42,
        SupportedVersions = 43, PskKeyExchangeModes = 45, KeyShare = 51, TrustedCaKeys = 3, Padding = 21, RenegotiationInfo = 0xff01;

    /// <summary>RFC 7748's test public key (Alice's): a valid X25519 share both servers accept.</summary>
    public static readonly byte[] X25519Share = Hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");

    public int LegacyVersion { get; set; } = 0x0303;

    public byte[] SessionId { get; set; } = Enumerable.Range(0, 32).Select(i => (byte)(0xA0 + i)).ToArray();

    public List<int> CipherSuites { get; } = new();

    /// <summary>The compression methods vector's content (null method only by default).</summary>
    public byte[] Compression { get; set; } = { 0 };

    public List<(int Type, byte[] Data)> Extensions { get; } = new();

    /// <summary>A TLS 1.3 ClientHello that also offers TLS 1.2, as openssl s_client sends it.</summary>
    public static ClientHelloBuilder Tls13()
    {
        var hello = Common();
        hello.CipherSuites.InsertRange(0, new[] { 0x1302, 0x1303, 0x1301 });
        hello.Extensions.Add((SupportedVersions, Vector8(Hex("0304 0303"))));
        hello.Extensions.Add((PskKeyExchangeModes, Vector8(1)));
        hello.Extensions.Add((KeyShare, KeyShareOf(0x001d, X25519Share)));
        return hello;
    }

    /// <summary>A TLS 1.2 ClientHello (no supported_versions).</summary>
    public static ClientHelloBuilder Tls12()
    {
        var hello = Common();
        hello.Extensions.Add((RenegotiationInfo, Vector8()));
        return hello;
    }

    public static byte[] KeyShareOf(int group, byte[] key) => Vector16(Concat(U16(group), Vector16(key)));

    public ClientHelloBuilder Without(int type)
    {
        Extensions.RemoveAll(e => e.Type == type);
        return this;
    }

    /// <summary>Replaces the extension's data, or adds the extension at the end.</summary>
    public ClientHelloBuilder With(int type, byte[] data)
    {
        int at = Extensions.FindIndex(e => e.Type == type);
        if (at < 0)
        {
            Extensions.Add((type, data));
        }
        else
        {
            Extensions[at] = (type, data);
        }

        return this;
    }

    public byte[] Body()
    {
        var random = Enumerable.Range(0, 32).Select(i => (byte)(0x10 + i)).ToArray();
        var suites = CipherSuites.SelectMany(s => U16(s)).ToArray();
        var extensions = Extensions.SelectMany(e => Concat(U16(e.Type), Vector16(e.Data))).ToArray();
        return Concat(U16(LegacyVersion), random, Vector8(SessionId), Vector16(suites), Vector8(Compression), Vector16(extensions));
    }

    /// <summary>The handshake message (type 1, length, body).</summary>
    public byte[] Message() => WireBytes.Message(1, Body());

    /// <summary>The message in one handshake record.</summary>
    public byte[] Record() => WireBytes.Record(Handshake, Message());

    private static ClientHelloBuilder Common()
    {
        var hello = new ClientHelloBuilder();
        // Forward-secret suites only: each needs a signature, so signature scheme cases fail where they should.
        hello.CipherSuites.AddRange(new[] { 0xC030, 0xC02F, 0x009F, 0x009E, 0xCCA8, 0xC028, 0xC027, 0xC014, 0xC013 });
        var host = "localhost"u8.ToArray();
        hello.Extensions.Add((ServerName, Vector16(Concat(U8(0), Vector16(host)))));
        hello.Extensions.Add((EcPointFormats, Vector8(0)));
        hello.Extensions.Add((SupportedGroups, Vector16(Hex("001d 0017 001e 0019 0018"))));
        hello.Extensions.Add((SessionTicket, Array.Empty<byte>()));
        hello.Extensions.Add((EncryptThenMac, Array.Empty<byte>()));
        hello.Extensions.Add((ExtendedMasterSecret, Array.Empty<byte>()));
        hello.Extensions.Add((SignatureAlgorithms, Vector16(Hex("0403 0503 0603 0807 0808 0804 0805 0806 0401 0501 0601"))));
        return hello;
    }
}
