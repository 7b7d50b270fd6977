using System.Text;

namespace TlsServer.Engine.Credentials;

/// <summary>The server's pre-shared keys, identity → key, checked and frozen at start.</summary>
internal sealed class PreSharedKeys
{
    /// <summary>OpenSSL's PSK_MAX_PSK_LEN: the longest key s_server and s_client accept.</summary>
    public const int MaxKeyBytes = 512;

    /// <summary>TLS carries an identity in a 16-bit length field.</summary>
    public const int MaxIdentityBytes = 65535;

    private readonly Dictionary<string, byte[]> _keys;

    private PreSharedKeys(Dictionary<string, byte[]> keys, string? hint)
    {
        _keys = keys;
        Hint = hint is null ? null : Encoding.UTF8.GetBytes(hint);
    }

    /// <summary>The identities the server knows, in ordinal order (never the keys).</summary>
    public IReadOnlyList<string> Identities => _keys.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The identity hint for TLS 1.2 ServerKeyExchange, UTF-8; null sends none.</summary>
    public byte[]? Hint { get; }

    /// <param name="given">Identity → key as hex; null or empty for no PSK.</param>
    /// <param name="hint">The identity hint for TLS 1.2, or null.</param>
    public static PreSharedKeys? From(IReadOnlyDictionary<string, string>? given, string? hint)
    {
        if (given is null || given.Count == 0)
        {
            return null;
        }

        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (identity, hex) in given)
        {
            if (string.IsNullOrEmpty(identity) || Encoding.UTF8.GetByteCount(identity) > MaxIdentityBytes)
            {
                throw TlsServerException.Invalid(ErrorIds.PskIdentityInvalid,
                    $"A PSK identity must be 1 to {MaxIdentityBytes} bytes of UTF-8.", identity);
            }

            keys[identity] = ParseHex(identity, hex);
        }

        return new PreSharedKeys(keys, hint);
    }

    /// <summary>The key of an identity the client sent, or null when the identity is unknown.</summary>
    public byte[]? Find(byte[] identity, out string name)
    {
        name = Encoding.UTF8.GetString(identity);
        return _keys.TryGetValue(name, out var key) ? key : null;
    }

    private static byte[] ParseHex(string identity, string? hex)
    {
        string text = hex?.Trim() ?? string.Empty;
        bool valid = text.Length > 0 && text.Length % 2 == 0 && text.All(Uri.IsHexDigit);
        if (!valid)
        {
            throw TlsServerException.Invalid(ErrorIds.PskNotHex,
                $"The PSK for identity '{identity}' is not an even number of hex digits (as openssl s_server -psk, without 0x), for example 1a2b3c4d.",
                identity);
        }

        var key = Convert.FromHexString(text);
        if (key.Length > MaxKeyBytes)
        {
            throw TlsServerException.Invalid(ErrorIds.PskTooLong,
                $"The PSK for identity '{identity}' has {key.Length} bytes; OpenSSL peers accept at most {MaxKeyBytes}.", identity);
        }

        return key;
    }
}
