namespace TlsServer.Engine;

/// <summary>One extension of a hello message (s_server -tlsextdebug): type, name, bytes and a decoding where known.</summary>
public sealed class TlsExtension
{
    internal TlsExtension(int type, string name, byte[] data, string? decoded)
    {
        Type = type;
        Name = name;
        Data = data;
        Decoded = decoded;
    }

    public int Type { get; }

    /// <summary>The IANA name, e.g. server_name, or unknown_N.</summary>
    public string Name { get; }

    public int Length => Data.Length;

    public byte[] Data { get; }

    /// <summary>The contents in words, for the extensions this module knows; null otherwise.</summary>
    public string? Decoded { get; }

    public override string ToString() => Decoded is null ? $"{Name} ({Type}), {Length} bytes" : $"{Name}: {Decoded}";
}
