namespace TlsServer.Engine.Diagnostics;

/// <summary>Parses a ClientHello handshake message (header included) as RFC 8446 4.1.2 lays it out.</summary>
internal static class ClientHelloParser
{
    /// <returns>The decoded hello, or null when the bytes are not a well-formed ClientHello.</returns>
    public static TlsClientHello? TryParse(byte[] message)
    {
        try
        {
            var r = new WireReader(message);
            if (r.U8() != 1)
            {
                return null;
            }

            var body = new WireReader(r.Vector24());
            int version = body.U16();
            byte[] random = body.Take(32).ToArray();
            byte[] sessionId = body.Vector8().ToArray();
            var suites = WireReader.U16List(body.Vector16());
            var compression = body.Vector8().ToArray().Select(b => (int)b).ToList();
            var extensions = body.Remaining > 0
                ? ExtensionDecoder.ReadAll(body.Vector16(), fromClient: true)
                : new List<TlsExtension>();
            return new TlsClientHello(version, random, sessionId, suites, compression, extensions, message);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
