namespace TlsServer.Engine.Diagnostics;

/// <summary>Parses a ClientHello handshake message (header included) as RFC 8446 4.1.2 lays it out.</summary>
internal static class ClientHelloParser
{
    /// <returns>The decoded hello, or null when the bytes are not a well-formed ClientHello.</returns>
    public static TlsClientHello? TryParse(byte[] message)
    {
        if (!TryRead(message, out var fields))
        {
            return null;
        }

        var compression = new List<int>(fields.Compression.Length);
        foreach (byte method in fields.Compression)
        {
            compression.Add(method);
        }

        var extensions = fields.HasExtensions ? ExtensionDecoder.ReadAll(fields.Extensions, fromClient: true) : new List<TlsExtension>();
        return new TlsClientHello(fields.Version, fields.Random.ToArray(), fields.SessionId.ToArray(), WireReader.U16List(fields.Suites),
            compression, extensions, message);
    }

    /// <summary>Whether <see cref="TryParse"/> would decode the bytes; reads them without keeping anything.</summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> message) => TryRead(message, out _);

    private static bool TryRead(ReadOnlySpan<byte> message, out Fields fields)
    {
        fields = default;
        try
        {
            var r = new WireReader(message);
            if (r.U8() != 1)
            {
                return false;
            }

            var body = new WireReader(r.Vector24());
            fields.Version = body.U16();
            fields.Random = body.Take(32);
            fields.SessionId = body.Vector8();
            fields.Suites = body.Vector16();
            fields.Compression = body.Vector8();
            fields.HasExtensions = body.Remaining > 0;
            if (fields.HasExtensions)
            {
                fields.Extensions = body.Vector16();
                for (var extensions = new WireReader(fields.Extensions); extensions.Remaining > 0; extensions.Vector16())
                {
                    extensions.U16();
                }
            }

            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A ClientHello's fields as views of its bytes.</summary>
    private ref struct Fields
    {
        public int Version;
        public ReadOnlySpan<byte> Random;
        public ReadOnlySpan<byte> SessionId;
        public ReadOnlySpan<byte> Suites;
        public ReadOnlySpan<byte> Compression;
        public bool HasExtensions;
        public ReadOnlySpan<byte> Extensions;
    }
}
