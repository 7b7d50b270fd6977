using System.Buffers.Binary;
using System.Security.Cryptography;

namespace TlsServer.Tests.Hostile;

/// <summary>Writes TLS 1.3-capable ClientHellos byte by byte, so tests can break them on purpose.</summary>
public sealed class ClientHelloBuilder
{
    public ushort LegacyVersion { get; set; } = 0x0303;

    public List<ushort> CipherSuites { get; } = new() { 0x1301, 0x1302, 0xC02B, 0xC02F };

    public List<(ushort Type, byte[] Data)> Extensions { get; } = new()
    {
        (43, new byte[] { 4, 0x03, 0x04, 0x03, 0x03 }),                                  // supported_versions: 1.3, 1.2
        (10, new byte[] { 0, 4, 0x00, 0x1d, 0x00, 0x17 }),                              // supported_groups: x25519, P-256
        (13, new byte[] { 0, 6, 0x04, 0x03, 0x08, 0x04, 0x04, 0x01 }),                  // signature_algorithms
        (51, KeyShare()),                                                               // key_share: x25519
    };

    /// <summary>The ClientHello handshake message (type, length, body).</summary>
    public byte[] Message()
    {
        var body = new List<byte>();
        body.AddRange(U16(LegacyVersion));
        body.AddRange(RandomNumberGenerator.GetBytes(32));
        body.Add(32);
        body.AddRange(RandomNumberGenerator.GetBytes(32));
        body.AddRange(U16((ushort)(CipherSuites.Count * 2)));
        CipherSuites.ForEach(s => body.AddRange(U16(s)));
        body.AddRange(new byte[] { 1, 0 });
        var extensions = Extensions.SelectMany(e => U16(e.Type).Concat(U16((ushort)e.Data.Length)).Concat(e.Data)).ToArray();
        body.AddRange(U16((ushort)extensions.Length));
        body.AddRange(extensions);
        return new byte[] { 1 }.Concat(U24(body.Count)).Concat(body).ToArray();
    }

    /// <summary>The ClientHello in handshake records of at most <paramref name="fragment"/> bytes each.</summary>
    public byte[] Records(int fragment = 16384) => Record.Split(0x16, Message(), fragment);

    private static byte[] KeyShare()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        return U16(36).Concat(U16(0x001d)).Concat(U16(32)).Concat(key).ToArray();
    }

    private static byte[] U16(ushort v)
    {
        var b = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, v);
        return b;
    }

    private static byte[] U24(int v) => new[] { (byte)(v >> 16), (byte)(v >> 8), (byte)v };
}

/// <summary>TLS records, written raw.</summary>
public static class Record
{
    public static byte[] Create(byte type, ReadOnlySpan<byte> payload, ushort version = 0x0301)
    {
        var r = new byte[5 + payload.Length];
        r[0] = type;
        BinaryPrimitives.WriteUInt16BigEndian(r.AsSpan(1), version);
        BinaryPrimitives.WriteUInt16BigEndian(r.AsSpan(3), (ushort)payload.Length);
        payload.CopyTo(r.AsSpan(5));
        return r;
    }

    public static byte[] Split(byte type, byte[] payload, int fragment) =>
        payload.Chunk(fragment).SelectMany(c => Create(type, c)).ToArray();
}
