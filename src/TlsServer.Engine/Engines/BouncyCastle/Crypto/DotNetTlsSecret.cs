using System.Security.Cryptography;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace TlsServer.Engine.Engines.BouncyCastle.Crypto;

/// <summary>
/// A TLS secret whose key schedule runs on .NET: HKDF-Extract/Expand (TLS 1.3) and the TLS 1.2 PRF with
/// SHA-256/384, each HMAC one native call. Every secret derived from it is one of these, so the whole TLS 1.3 key
/// schedule stays here once the first secret is. Other hashes and PRFs (SSL 3, TLS 1.0/1.1, SM3) go to
/// BouncyCastle's own secret.
/// </summary>
internal sealed class DotNetTlsSecret : AbstractTlsSecret
{
    private readonly DotNetTlsCrypto _crypto;

    public DotNetTlsSecret(DotNetTlsCrypto crypto, byte[] data)
        : base(data)
    {
        _crypto = crypto;
    }

    protected override AbstractTlsCrypto Crypto => _crypto;

    public override TlsSecret DeriveUsingPrf(int prfAlgorithm, string label, byte[] seed, int length) =>
        DeriveUsingPrf(prfAlgorithm, label.AsSpan(), seed.AsSpan(), length);

    public override TlsSecret DeriveUsingPrf(int prfAlgorithm, ReadOnlySpan<char> label, ReadOnlySpan<byte> seed, int length)
    {
        switch (prfAlgorithm)
        {
            case PrfAlgorithm.tls13_hkdf_sha256:
                return TlsCryptoUtilities.HkdfExpandLabel(this, CryptoHashAlgorithm.sha256, label, seed, length);
            case PrfAlgorithm.tls13_hkdf_sha384:
                return TlsCryptoUtilities.HkdfExpandLabel(this, CryptoHashAlgorithm.sha384, label, seed, length);
            case PrfAlgorithm.tls_prf_sha256:
                return Prf12(CryptoHashAlgorithm.sha256, label, seed, length);
            case PrfAlgorithm.tls_prf_sha384:
                return Prf12(CryptoHashAlgorithm.sha384, label, seed, length);
            default:
                return BouncyCastleCopy().DeriveUsingPrf(prfAlgorithm, label, seed, length);
        }
    }

    public override TlsSecret HkdfExpand(int cryptoHashAlgorithm, byte[] info, int length) =>
        HkdfExpand(cryptoHashAlgorithm, info.AsSpan(), length);

    public override TlsSecret HkdfExpand(int cryptoHashAlgorithm, ReadOnlySpan<byte> info, int length)
    {
        if (!DotNetHash.IsSupported(cryptoHashAlgorithm))
        {
            return BouncyCastleCopy().HkdfExpand(cryptoHashAlgorithm, info, length);
        }

        int hashLength = DotNetHash.OutputSize(cryptoHashAlgorithm);
        if (length > 255 * hashLength)
        {
            throw new ArgumentException("must be <= 255 * (output size of 'hashAlgorithm')", nameof(length));
        }

        var okm = new byte[Math.Max(length, 0)];
        lock (this)
        {
            CheckAlive();
            if (m_data.Length < hashLength)
            {
                // .NET's HKDF wants a pseudorandom key of at least the hash length; RFC 5869 does not.
                return BouncyCastleCopy().HkdfExpand(cryptoHashAlgorithm, info, length);
            }

            if (okm.Length > 0)
            {
                HKDF.Expand(DotNetHash.Name(cryptoHashAlgorithm), m_data, okm, info);
            }
        }

        return new DotNetTlsSecret(_crypto, okm);
    }

    /// <summary>HKDF-Extract with this secret as the salt; like BouncyCastle, it consumes this secret.</summary>
    public override TlsSecret HkdfExtract(int cryptoHashAlgorithm, TlsSecret ikm)
    {
        byte[] salt = Extract();
        if (!DotNetHash.IsSupported(cryptoHashAlgorithm))
        {
            return new BcTlsSecret(_crypto, salt).HkdfExtract(cryptoHashAlgorithm, ikm);
        }

        byte[] input = ikm is AbstractTlsSecret secret
            ? CopyData(secret)
            : throw new ArgumentException("unrecognized TlsSecret - cannot copy data: " + ikm.GetType().FullName, nameof(ikm));
        var prk = new byte[DotNetHash.OutputSize(cryptoHashAlgorithm)];
        try
        {
            DotNetHash.HmacData(cryptoHashAlgorithm, salt, input, prk);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(salt);
            CryptographicOperations.ZeroMemory(input);
        }

        return new DotNetTlsSecret(_crypto, prk);
    }

    /// <summary>RFC 5246 section 5: P_hash(secret, label + seed) cut to <paramref name="length"/> bytes.</summary>
    private DotNetTlsSecret Prf12(int cryptoHashAlgorithm, ReadOnlySpan<char> label, ReadOnlySpan<byte> seed, int length)
    {
        var labelSeed = new byte[label.Length + seed.Length];
        for (int i = 0; i < label.Length; i++)
        {
            labelSeed[i] = (byte)label[i];
        }

        seed.CopyTo(labelSeed.AsSpan(label.Length));
        var output = new byte[length];
        Span<byte> a = stackalloc byte[DotNetHash.OutputSize(cryptoHashAlgorithm)];
        Span<byte> block = stackalloc byte[a.Length];
        lock (this)
        {
            CheckAlive();
            using var hmac = IncrementalHash.CreateHMAC(DotNetHash.Name(cryptoHashAlgorithm), m_data);
            hmac.AppendData(labelSeed);
            hmac.GetHashAndReset(a);
            for (int pos = 0; pos < length; pos += block.Length)
            {
                hmac.AppendData(a);
                hmac.AppendData(labelSeed);
                hmac.GetHashAndReset(block);
                block[..Math.Min(block.Length, length - pos)].CopyTo(output.AsSpan(pos));
                hmac.AppendData(a);
                hmac.GetHashAndReset(a);
            }
        }

        return new DotNetTlsSecret(_crypto, output);
    }

    private BcTlsSecret BouncyCastleCopy()
    {
        lock (this)
        {
            CheckAlive();
            return new BcTlsSecret(_crypto, (byte[])m_data.Clone());
        }
    }
}
