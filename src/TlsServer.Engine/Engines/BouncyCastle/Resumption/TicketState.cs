using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using TlsServer.Engine.Verification;

namespace TlsServer.Engine.Engines.BouncyCastle.Resumption;

/// <summary>
/// What a TLS 1.2 session ticket carries: enough of a session to resume it, written when the ticket is issued
/// (BouncyCastle builds its own SessionParameters only after NewSessionTicket has gone out).
/// </summary>
internal static class TicketState
{
    private const byte FormatVersion = 2;

    /// <summary>A ticket is an opaque16: the state plus the sealing's key name, nonce and tag must fit 65535 bytes.</summary>
    public const int MaxStateBytes = ushort.MaxValue - 64;

    /// <summary>A ticket's session and what its full handshake verified of the client's certificate.</summary>
    public sealed record Contents(SessionParameters Parameters, ClientVerification? Verification);

    /// <exception cref="InvalidOperationException">The state is over <see cref="MaxStateBytes"/> (a very long client chain).</exception>
    public static byte[] Write(SecurityParameters sp, TlsCrypto crypto, IDictionary<int, byte[]> serverExtensions, ClientVerification? verification)
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
            WriteVerification(w, verification);
        }

        var state = buffer.ToArray();
        return state.Length <= MaxStateBytes ? state : throw new InvalidOperationException("the session is too large for a ticket");
    }

    /// <summary>The session in a ticket's state, or null when it is older than <paramref name="lifetime"/>.</summary>
    /// <param name="localChains">The server's own chains, parsed once.</param>
    /// <exception cref="IOException">The state does not parse (only possible for a state this process did not write).</exception>
    public static Contents? Read(byte[] state, TlsCrypto crypto, TimeSpan lifetime, LocalChains localChains)
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

        var parameters = builder.SetServerExtensions(extensions)
            .SetLocalCertificate(ReadBlocks(r) is { Length: > 0 } local ? localChains.Get(local, crypto) : null)
            .SetPeerCertificate(ReadChain(r, crypto))
            .Build();
        return new Contents(parameters, ReadVerification(r));
    }

    /// <summary>The client's chain, then the verify result: code, depth, detail, policies, the verified chain and the anchor's place in it.</summary>
    private static void WriteVerification(BinaryWriter w, ClientVerification? v)
    {
        w.Write(v is not null);
        if (v is null)
        {
            return;
        }

        var result = v.Result;
        WriteCertificates(w, v.Chain);
        w.Write(result.ErrorCode);
        w.Write(result.ErrorDepth ?? -1);
        w.Write(result.Detail is not null);
        w.Write(result.Detail ?? string.Empty);
        w.Write((ushort)result.Policies.Count);
        foreach (string policy in result.Policies)
        {
            w.Write(policy);
        }

        WriteCertificates(w, result.Chain);
        w.Write(result.Anchor is { } anchor ? IndexOf(result.Chain, anchor) : -1);
    }

    private static ClientVerification? ReadVerification(BinaryReader r)
    {
        if (!r.ReadBoolean())
        {
            return null;
        }

        var chain = ReadCertificates(r);
        int code = r.ReadInt32();
        int depth = r.ReadInt32();
        bool hasDetail = r.ReadBoolean();
        string detail = r.ReadString();
        var policies = new string[r.ReadUInt16()];
        for (int i = 0; i < policies.Length; i++)
        {
            policies[i] = r.ReadString();
        }

        var verified = ReadCertificates(r);
        int anchor = r.ReadInt32();
        var result = new CertificateVerifyResult(code, VerifyError.Text(code), depth >= 0 ? depth : null,
            depth >= 0 && depth < verified.Length ? verified[depth] : null, anchor >= 0 && anchor < verified.Length ? verified[anchor] : null,
            verified, hasDetail ? detail : null, policies);
        return new ClientVerification(chain, result);
    }

    private static int IndexOf(IReadOnlyList<X509Certificate2> chain, X509Certificate2 certificate)
    {
        for (int i = 0; i < chain.Count; i++)
        {
            if (ReferenceEquals(chain[i], certificate))
            {
                return i;
            }
        }

        return -1;
    }

    private static void WriteCertificates(BinaryWriter w, IReadOnlyList<X509Certificate2> certificates)
    {
        w.Write((ushort)certificates.Count);
        foreach (var certificate in certificates)
        {
            WriteBlock(w, certificate.RawData);
        }
    }

    private static X509Certificate2[] ReadCertificates(BinaryReader r)
    {
        var certificates = new X509Certificate2[r.ReadUInt16()];
        for (int i = 0; i < certificates.Length; i++)
        {
            certificates[i] = new X509Certificate2(ReadBlock(r));
        }

        return certificates;
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

    private static Certificate? ReadChain(BinaryReader r, TlsCrypto crypto) =>
        ReadBlocks(r) is { Length: > 0 } blocks ? new Certificate(blocks.Select(crypto.CreateCertificate).ToArray()) : null;

    /// <summary>A chain's DER blocks, as <see cref="WriteChain"/> wrote them.</summary>
    private static byte[][] ReadBlocks(BinaryReader r)
    {
        var blocks = new byte[r.ReadByte()][];
        for (int i = 0; i < blocks.Length; i++)
        {
            blocks[i] = ReadBlock(r);
        }

        return blocks;
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
