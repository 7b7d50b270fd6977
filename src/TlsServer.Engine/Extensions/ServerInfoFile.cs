using System.Text.RegularExpressions;

namespace TlsServer.Engine.Extensions;

/// <summary>One extension from a serverinfo file, and the handshakes it is sent in.</summary>
internal sealed record ServerInfoExtension(int Type, byte[] Data, bool Tls12, bool Tls13);

/// <summary>
/// Reads OpenSSL's serverinfo PEM file (s_server -serverinfo): "SERVERINFO FOR …" blocks hold extension_type(2),
/// length(2), data, sent in a TLS 1.2 ServerHello; "SERVERINFOV2 FOR …" blocks put a 4-byte OpenSSL context before each.
/// </summary>
internal static class ServerInfoFile
{
    /// <summary>OpenSSL's SSL_EXT_TLS1_2_SERVER_HELLO and SSL_EXT_TLS1_3_ENCRYPTED_EXTENSIONS context bits.</summary>
    private const int Tls12ServerHello = 0x0100;
    private const int Tls13EncryptedExtensions = 0x0400;

    private static readonly Regex Block = new(
        @"-----BEGIN (SERVERINFO(?<v2>V2)? FOR [^-\r\n]*)-----(?<body>[^-]*)-----END \1-----", RegexOptions.CultureInvariant);

    public static IReadOnlyList<ServerInfoExtension> Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TlsServerException(ErrorIds.ServerInfoFileNotReadable, ErrorKind.ReadError,
                $"The serverinfo file '{path}' cannot be read: {e.Message}", path, e);
        }

        var extensions = new List<ServerInfoExtension>();
        foreach (Match block in Block.Matches(text))
        {
            try
            {
                Parse(Convert.FromBase64String(block.Groups["body"].Value), block.Groups["v2"].Success, extensions);
            }
            catch (FormatException e)
            {
                throw Invalid(path, $"the block '{block.Groups[1].Value}' is not valid: {e.Message}", e);
            }
        }

        if (extensions.Count == 0)
        {
            throw Invalid(path, "it holds no '-----BEGIN SERVERINFO FOR …-----' block", null);
        }

        if (extensions.GroupBy(e => e.Type).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw Invalid(path, $"extension type {twice.Key} appears more than once", null);
        }

        return extensions;
    }

    private static void Parse(byte[] data, bool v2, List<ServerInfoExtension> into)
    {
        var r = new Diagnostics.WireReader(data);
        while (r.Remaining > 0)
        {
            int context = v2 ? (r.U16() << 16) | r.U16() : Tls12ServerHello;
            int type = r.U16();
            into.Add(new ServerInfoExtension(type, r.Vector16().ToArray(),
                (context & Tls12ServerHello) != 0, (context & Tls13EncryptedExtensions) != 0));
        }
    }

    private static TlsServerException Invalid(string path, string why, Exception? inner) =>
        new(ErrorIds.ServerInfoFileInvalid, ErrorKind.InvalidData, $"The serverinfo file '{path}' cannot be used: {why}.", path, inner);
}
