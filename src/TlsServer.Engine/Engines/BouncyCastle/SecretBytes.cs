using Org.BouncyCastle.Tls.Crypto;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>
/// Reads the value of a BouncyCastle TlsSecret without destroying it (Extract() would). TlsSecret.Encrypt hands
/// the value to an encryptor; this one returns a copy. Used only for the key log, which is the point of it.
/// </summary>
internal sealed class SecretBytes : TlsEncryptor
{
    private static readonly SecretBytes Instance = new();

    public static byte[]? Read(TlsSecret? secret) => secret is not null && secret.IsAlive() ? secret.Encrypt(Instance) : null;

    public byte[] Encrypt(byte[] input, int inOff, int length) => input.AsSpan(inOff, length).ToArray();
}
