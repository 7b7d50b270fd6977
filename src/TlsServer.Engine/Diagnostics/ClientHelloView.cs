using TlsServer.Engine.Registry;

namespace TlsServer.Engine.Diagnostics;

/// <summary>The values of a ClientHello's well-known extensions, as lists of code points and of names.</summary>
internal sealed class ClientHelloView
{
    public ClientHelloView(TlsClientHello hello)
    {
        foreach (var e in hello.ExtensionList)
        {
            try
            {
                Read(e);
            }
            catch (FormatException)
            {
                // a malformed extension decodes to nothing; the raw bytes stay on the extension
            }
        }

        SupportedVersions = SupportedVersionIds.Select(CodePointNames.Version).ToArray();
        SupportedGroups = GroupIds.Select(CodePointNames.Group).ToArray();
        SignatureAlgorithms = SignatureSchemeIds.Select(CodePointNames.SignatureScheme).ToArray();
        KeyShareGroups = KeyShareGroupIds.Select(CodePointNames.Group).ToArray();
    }

    public string? ServerName { get; private set; }
    public List<int> SupportedVersionIds { get; } = new();
    public List<int> GroupIds { get; } = new();
    public List<int> PointFormats { get; } = new();
    public List<int> SignatureSchemeIds { get; } = new();
    public List<int> KeyShareGroupIds { get; } = new();
    public IReadOnlyList<string> ApplicationProtocols { get; private set; } = Array.Empty<string>();
    public IReadOnlyList<string> SupportedVersions { get; }
    public IReadOnlyList<string> SupportedGroups { get; }
    public IReadOnlyList<string> SignatureAlgorithms { get; }
    public IReadOnlyList<string> KeyShareGroups { get; }

    private void Read(TlsExtension e)
    {
        var r = new WireReader(e.Bytes);
        switch (e.Type)
        {
            case 0:
                ServerName = ExtensionDecoder.ServerNames(e.Bytes).FirstOrDefault();
                break;
            case 10:
                GroupIds.AddRange(WireReader.U16List(r.Vector16()));
                break;
            case 11:
                PointFormats.AddRange(r.Vector8().ToArray().Select(b => (int)b));
                break;
            case 13:
                SignatureSchemeIds.AddRange(WireReader.U16List(r.Vector16()));
                break;
            case 16:
                ApplicationProtocols = ExtensionDecoder.Alpn(e.Bytes);
                break;
            case 43:
                SupportedVersionIds.AddRange(WireReader.U16List(r.Vector8()));
                break;
            case 51:
                KeyShareGroupIds.AddRange(ExtensionDecoder.KeyShares(r.Vector16()).Select(s => s.Group));
                break;
        }
    }
}
