using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;

namespace TlsServer.Engine.Tls;

/// <summary>
/// What a TLS 1.2 session ticket carries: enough of a session to resume it, written when the ticket is issued
/// (BouncyCastle builds its own SessionParameters only after NewSessionTicket has gone out).
/// </summary>
internal static class TicketState
{
    private const byte FormatVersion = 1;

    public static byte[] Write(SecurityParameters sp, TlsCrypto crypto, IDictionary<int, byte[]> serverExtensions)
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer))
        {
            w.Write(FormatVersion);
            w.Write(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            w.Write((ushort)sp.NegotiatedVersion.FullVersion);
            w.Write((ushort)sp.CipherSuite);
            w.Write(sp.IsExtendedMasterSecret);
            WriteBlock(w, crypto.AdoptSecret(sp.MasterSecret).Extract());
            w.Write((ushort)serverExtensions.Count);
            foreach (var (type, data) in serverExtensions)
            {
                w.Write((ushort)type);
                WriteBlock(w, data);
            }

            WriteChain(w, sp.LocalCertificate);
            WriteChain(w, sp.PeerCertificate);
        }

        return buffer.ToArray();
    }

    /// <summary>The session in a ticket's state, or null when it is older than <paramref name="lifetime"/>.</summary>
    /// <exception cref="IOException">The state does not parse (only possible for a state this process did not write).</exception>
    public static SessionParameters? Read(byte[] state, TlsCrypto crypto, TimeSpan lifetime)
    {
        using var r = new BinaryReader(new MemoryStream(state, false));
        if (r.ReadByte() != FormatVersion)
        {
            throw new IOException("unknown ticket format");
        }

        var issued = DateTimeOffset.FromUnixTimeMilliseconds(r.ReadInt64());
        if (issued + lifetime <= DateTimeOffset.UtcNow)
        {
            return null;
        }

        int version = r.ReadUInt16();
        var builder = new SessionParameters.Builder()
            .SetNegotiatedVersion(ProtocolVersion.Get(version >> 8, version & 0xFF))
            .SetCipherSuite(r.ReadUInt16())
            .SetExtendedMasterSecret(r.ReadBoolean())
            .SetMasterSecret(crypto.CreateSecret(ReadBlock(r)));
        var extensions = new Dictionary<int, byte[]>();
        for (int i = r.ReadUInt16(); i > 0; i--)
        {
            extensions[r.ReadUInt16()] = ReadBlock(r);
        }

        return builder.SetServerExtensions(extensions)
            .SetLocalCertificate(ReadChain(r, crypto))
            .SetPeerCertificate(ReadChain(r, crypto))
            .Build();
    }

    /// <summary>A TLS 1.2 certificate chain as a count and DER blocks; none when absent.</summary>
    private static void WriteChain(BinaryWriter w, Certificate? chain)
    {
        int count = Math.Min(chain?.Length ?? 0, byte.MaxValue);
        w.Write((byte)count);
        for (int i = 0; i < count; i++)
        {
            WriteBlock(w, chain!.GetCertificateAt(i).GetEncoded());
        }
    }

    private static Certificate? ReadChain(BinaryReader r, TlsCrypto crypto)
    {
        var chain = new TlsCertificate[r.ReadByte()];
        for (int i = 0; i < chain.Length; i++)
        {
            chain[i] = crypto.CreateCertificate(ReadBlock(r));
        }

        return chain.Length > 0 ? new Certificate(chain) : null;
    }

    private static void WriteBlock(BinaryWriter w, byte[] data)
    {
        w.Write(data.Length);
        w.Write(data);
    }

    private static byte[] ReadBlock(BinaryReader r)
    {
        int length = r.ReadInt32();
        if (length < 0 || length > r.BaseStream.Length - r.BaseStream.Position)
        {
            throw new IOException("truncated ticket state");
        }

        return r.ReadBytes(length);
    }
}
