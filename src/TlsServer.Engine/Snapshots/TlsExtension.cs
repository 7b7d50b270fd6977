namespace TlsServer.Engine;

/// <summary>One extension of a hello message (s_server -tlsextdebug): type, name, bytes and a decoding where known.</summary>
public sealed class TlsExtension
{
    private readonly bool _fromClient;
    private bool _decodedYet;
    private string? _decoded;

    internal TlsExtension(int type, string name, byte[] data, bool fromClient)
    {
        Type = type;
        Name = name;
        Bytes = data;
        _fromClient = fromClient;
    }

    public int Type { get; }

    /// <summary>The IANA name, e.g. server_name, or unknown_N.</summary>
    public string Name { get; }

    public int Length => Bytes.Length;

    /// <summary>The extension's bytes as uppercase hex; <see cref="GetData"/> gives the bytes.</summary>
    public string Data => Convert.ToHexString(Bytes);

    internal byte[] Bytes { get; }

    /// <summary>The contents in words, for the extensions this module knows; null otherwise. Decoded when first read.</summary>
    public string? Decoded
    {
        get
        {
            if (!_decodedYet)
            {
                _decoded = Diagnostics.ExtensionDecoder.TryDecode(Type, Bytes, _fromClient);
                _decodedYet = true;
            }

            return _decoded;
        }
    }

    /// <summary>A copy of the extension's bytes.</summary>
    public byte[] GetData() => (byte[])Bytes.Clone();

    public override string ToString() => Decoded is null ? $"{Name} ({Type}), {Length} bytes" : $"{Name}: {Decoded}";
}
