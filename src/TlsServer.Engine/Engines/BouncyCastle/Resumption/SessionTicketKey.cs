using System.Security.Cryptography;

namespace TlsServer.Engine.Engines.BouncyCastle.Resumption;

/// <summary>
/// Seals session tickets with AES-256-GCM under a key that lives only in this process's memory
/// (RFC 5077 4's recommended layout: key name, nonce, sealed state, tag).
/// </summary>
internal sealed class SessionTicketKey : IDisposable
{
    private const int KeyNameLength = 16;
    private const int NonceLength = 12;
    private const int TagLength = 16;

    private readonly byte[] _name = RandomNumberGenerator.GetBytes(KeyNameLength);
    private readonly AesGcm _aes = new(RandomNumberGenerator.GetBytes(32), TagLength);

    public byte[] Seal(ReadOnlySpan<byte> state)
    {
        var ticket = new byte[KeyNameLength + NonceLength + state.Length + TagLength];
        _name.CopyTo(ticket, 0);
        var nonce = ticket.AsSpan(KeyNameLength, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        lock (_aes)
        {
            _aes.Encrypt(nonce, state, ticket.AsSpan(KeyNameLength + NonceLength, state.Length),
                ticket.AsSpan(ticket.Length - TagLength), _name);
        }

        return ticket;
    }

    /// <summary>The sealed state, or null when the ticket is not one of this key's (another key, tampered, garbage).</summary>
    public byte[]? Open(ReadOnlySpan<byte> ticket)
    {
        if (ticket.Length < KeyNameLength + NonceLength + TagLength || !ticket[..KeyNameLength].SequenceEqual(_name))
        {
            return null;
        }

        var state = new byte[ticket.Length - KeyNameLength - NonceLength - TagLength];
        try
        {
            lock (_aes)
            {
                _aes.Decrypt(ticket.Slice(KeyNameLength, NonceLength), ticket.Slice(KeyNameLength + NonceLength, state.Length),
                    ticket[^TagLength..], state, _name);
            }
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        return state;
    }

    public void Dispose()
    {
        lock (_aes)
        {
            _aes.Dispose();
        }
    }
}
