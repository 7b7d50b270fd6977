using System.Buffers.Binary;
using System.Security.Cryptography;

namespace TlsServer.Engine.Tests;

/// <summary>A minimal DTLS 1.2 ClientHello record (no cookie), as a spoofing flood would send it.</summary>
internal static class DtlsClientHellos
{
    public static byte[] WithoutCookie()
    {
        var body = new List<byte> { 0xFE, 0xFD };
        body.AddRange(RandomNumberGenerator.GetBytes(32));
        body.Add(0); // session id
        body.Add(0); // cookie
        body.AddRange(new byte[] { 0, 2, 0xC0, 0x2B }); // TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
        body.AddRange(new byte[] { 1, 0 }); // null compression
        var extensions = new byte[]
        {
            0x00, 0x0A, 0x00, 0x04, 0x00, 0x02, 0x00, 0x17, // supported_groups: secp256r1
            0x00, 0x0B, 0x00, 0x02, 0x01, 0x00, // ec_point_formats: uncompressed
            0x00, 0x0D, 0x00, 0x04, 0x00, 0x02, 0x04, 0x03, // signature_algorithms: ecdsa_secp256r1_sha256
        };
        body.AddRange(U16(extensions.Length));
        body.AddRange(extensions);

        var handshake = new List<byte> { 1 }; // client_hello
        handshake.AddRange(U24(body.Count));
        handshake.AddRange(new byte[] { 0, 0 }); // message_seq
        handshake.AddRange(U24(0)); // fragment_offset
        handshake.AddRange(U24(body.Count)); // fragment_length
        handshake.AddRange(body);

        var record = new List<byte> { 22, 0xFE, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0 }; // handshake, DTLS 1.0 record version, epoch 0, seq 0
        record.AddRange(U16(handshake.Count));
        record.AddRange(handshake);
        return record.ToArray();
    }

    private static byte[] U16(int value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)value);
        return bytes;
    }

    private static byte[] U24(int value) => new[] { (byte)(value >> 16), (byte)(value >> 8), (byte)value };
}
