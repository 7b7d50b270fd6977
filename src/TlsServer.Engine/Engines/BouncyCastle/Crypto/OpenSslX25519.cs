using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace TlsServer.Engine.Engines.BouncyCastle.Crypto;

/// <summary>
/// X25519 from the platform's OpenSSL libcrypto (1.1.1 or 3.x), the library .NET itself uses for cryptography on
/// Linux. .NET has no X25519 API and BouncyCastle's managed ladder was the largest single cost of a TLS 1.3
/// handshake. Where no such libcrypto loads (Windows, macOS), <see cref="IsAvailable"/> is false and the engine
/// keeps BouncyCastle's X25519.
/// </summary>
internal static class OpenSslX25519
{
    public const int KeySize = 32;

    private const string Library = "TlsServer.libcrypto";
    private const int NidX25519 = 1034;
    private static readonly string[] Candidates = { "libcrypto.so.3", "libcrypto.so.1.1" };
    private static readonly Lazy<bool> Available = new(Probe);

    public static bool IsAvailable => Available.Value;

    /// <summary>A private key from 32 random bytes (OpenSSL clamps them), and its public key.</summary>
    public static PKeyHandle CreatePrivateKey(ReadOnlySpan<byte> scalar, Span<byte> publicKey)
    {
        var key = EVP_PKEY_new_raw_private_key(NidX25519, IntPtr.Zero, scalar.ToArray(), (nuint)scalar.Length);
        Check(!key.IsInvalid, "EVP_PKEY_new_raw_private_key");
        var buffer = new byte[KeySize];
        nuint length = KeySize;
        Check(EVP_PKEY_get_raw_public_key(key, buffer, ref length) == 1 && length == KeySize, "EVP_PKEY_get_raw_public_key");
        buffer.CopyTo(publicKey);
        return key;
    }

    /// <summary>The shared secret, or false when OpenSSL refuses the peer's value (a small-order point gives all zeros).</summary>
    public static bool TryDerive(PKeyHandle privateKey, byte[] peerPublicKey, byte[] secret)
    {
        using var peer = EVP_PKEY_new_raw_public_key(NidX25519, IntPtr.Zero, peerPublicKey, (nuint)peerPublicKey.Length);
        if (peer.IsInvalid)
        {
            return false;
        }

        var context = EVP_PKEY_CTX_new(privateKey, IntPtr.Zero);
        Check(context != IntPtr.Zero, "EVP_PKEY_CTX_new");
        try
        {
            nuint length = (nuint)secret.Length;
            return EVP_PKEY_derive_init(context) == 1
                && EVP_PKEY_derive_set_peer(context, peer) == 1
                && EVP_PKEY_derive(context, secret, ref length) == 1
                && length == KeySize
                && secret.Any(b => b != 0);
        }
        finally
        {
            EVP_PKEY_CTX_free(context);
            ERR_clear_error();
        }
    }

    private static void Check(bool ok, string function)
    {
        if (!ok)
        {
            ERR_clear_error();
            throw new InvalidOperationException($"OpenSSL {function} failed.");
        }
    }

    private static bool Probe()
    {
        foreach (var name in Candidates)
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                if (NativeLibrary.TryGetExport(handle, "EVP_PKEY_new_raw_private_key", out _))
                {
                    Resolved = handle;
                    NativeLibrary.SetDllImportResolver(typeof(OpenSslX25519).Assembly,
                        (library, _, _) => library == Library ? Resolved : IntPtr.Zero);
                    return SelfTest();
                }

                NativeLibrary.Free(handle);
            }
        }

        return false;
    }

    private static IntPtr Resolved { get; set; }

    /// <summary>RFC 7748 section 6.1: both sides of the example agree, or OpenSSL is not used.</summary>
    private static bool SelfTest()
    {
        try
        {
            byte[] alice = Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
            byte[] bobPublic = Convert.FromHexString("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
            var alicePublic = new byte[KeySize];
            var secret = new byte[KeySize];
            using var key = CreatePrivateKey(alice, alicePublic);
            return alicePublic.AsSpan().SequenceEqual(Convert.FromHexString("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"))
                && TryDerive(key, bobPublic, secret)
                && secret.AsSpan().SequenceEqual(Convert.FromHexString("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    [DllImport(Library)]
    private static extern PKeyHandle EVP_PKEY_new_raw_private_key(int type, IntPtr engine, byte[] key, nuint length);

    [DllImport(Library)]
    private static extern PKeyHandle EVP_PKEY_new_raw_public_key(int type, IntPtr engine, byte[] key, nuint length);

    [DllImport(Library)]
    private static extern int EVP_PKEY_get_raw_public_key(PKeyHandle key, byte[] publicKey, ref nuint length);

    [DllImport(Library)]
    private static extern IntPtr EVP_PKEY_CTX_new(PKeyHandle key, IntPtr engine);

    [DllImport(Library)]
    private static extern int EVP_PKEY_derive_init(IntPtr context);

    [DllImport(Library)]
    private static extern int EVP_PKEY_derive_set_peer(IntPtr context, PKeyHandle peer);

    [DllImport(Library)]
    private static extern int EVP_PKEY_derive(IntPtr context, byte[] secret, ref nuint length);

    [DllImport(Library)]
    private static extern void EVP_PKEY_CTX_free(IntPtr context);

    [DllImport(Library)]
    private static extern void EVP_PKEY_free(IntPtr key);

    [DllImport(Library)]
    private static extern void ERR_clear_error();

    /// <summary>An OpenSSL EVP_PKEY, freed when disposed or, if a handshake is abandoned, when collected.</summary>
    internal sealed class PKeyHandle : SafeHandleZeroOrMinusOneIsInvalid
    {
        public PKeyHandle()
            : base(ownsHandle: true)
        {
        }

        protected override bool ReleaseHandle()
        {
            EVP_PKEY_free(handle);
            return true;
        }
    }
}
