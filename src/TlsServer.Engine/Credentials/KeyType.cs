namespace TlsServer.Engine.Credentials;

internal enum KeyType
{
    Rsa,
    Ecdsa,
    Ed25519,
    Ed448,
    Dsa,
}
