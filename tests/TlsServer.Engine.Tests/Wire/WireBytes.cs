namespace TlsServer.Engine.Tests.Wire;

/// <summary>TLS's integer and vector encodings, and records written raw.</summary>
internal static class WireBytes
{
    public const byte ChangeCipherSpec = 20;
    public const byte Alert = 21;
    public const byte Handshake = 22;
    public const byte ApplicationData = 23;

    public static byte[] U8(int v) => new[] { (byte)v };

    public static byte[] U16(int v) => new[] { (byte)(v >> 8), (byte)v };

    public static byte[] U24(int v) => new[] { (byte)(v >> 16), (byte)(v >> 8), (byte)v };

    /// <summary>A vector with a one-byte length.</summary>
    public static byte[] Vector8(params byte[] data) => U8(data.Length).Concat(data).ToArray();

    /// <summary>A vector with a two-byte length.</summary>
    public static byte[] Vector16(params byte[] data) => U16(data.Length).Concat(data).ToArray();

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>One record; <paramref name="version"/> is the legacy record version (0x0301 as clients send their first).</summary>
    public static byte[] Record(byte type, byte[] payload, int version = 0x0301) =>
        Concat(U8(type), U16(version), U16(payload.Length), payload);

    /// <summary>A handshake message: type, 24-bit length, body.</summary>
    public static byte[] Message(byte type, byte[] body) => Concat(U8(type), U24(body.Length), body);

    /// <summary>The payload in records of at most <paramref name="fragment"/> bytes each.</summary>
    public static byte[] Records(byte type, byte[] payload, int fragment) =>
        payload.Chunk(fragment).SelectMany(c => Record(type, c)).ToArray();

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty));
}
