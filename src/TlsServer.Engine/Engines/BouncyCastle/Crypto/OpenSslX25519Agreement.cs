using System.Security.Cryptography;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;

namespace TlsServer.Engine.Engines.BouncyCastle.Crypto;

/// <summary>One ephemeral X25519 key exchange on OpenSSL, with BouncyCastle's checks: a 32-byte peer value, and no all-zero secret.</summary>
internal sealed class OpenSslX25519Agreement : TlsAgreement
{
    private readonly TlsCrypto _crypto;
    private OpenSslX25519.PKeyHandle? _privateKey;
    private byte[]? _peerPublicKey;

    public OpenSslX25519Agreement(TlsCrypto crypto) => _crypto = crypto;

    public byte[] GenerateEphemeral()
    {
        Span<byte> scalar = stackalloc byte[OpenSslX25519.KeySize];
        RandomNumberGenerator.Fill(scalar);
        var publicKey = new byte[OpenSslX25519.KeySize];
        try
        {
            _privateKey?.Dispose();
            _privateKey = OpenSslX25519.CreatePrivateKey(scalar, publicKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
        }

        return publicKey;
    }

    public void ReceivePeerValue(byte[] peerValue)
    {
        if (peerValue is not { Length: OpenSslX25519.KeySize })
        {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter);
        }

        _peerPublicKey = (byte[])peerValue.Clone();
    }

    public TlsSecret CalculateSecret()
    {
        if (_privateKey is null || _peerPublicKey is null)
        {
            throw new TlsFatalAlert(AlertDescription.internal_error);
        }

        var secret = new byte[OpenSslX25519.KeySize];
        try
        {
            if (!OpenSslX25519.TryDerive(_privateKey, _peerPublicKey, secret))
            {
                throw new TlsFatalAlert(AlertDescription.handshake_failure);
            }

            return _crypto.CreateSecret(secret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
            _privateKey.Dispose();
            _privateKey = null;
        }
    }
}
