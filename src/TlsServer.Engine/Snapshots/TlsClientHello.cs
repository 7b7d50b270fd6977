namespace TlsServer.Engine;

/// <summary>
/// The ClientHello of a session, decoded, with its JA3 and JA4 fingerprints. The views and fingerprints are
/// worked out when first read: every handshake records its hello, few are ever looked at.
/// </summary>
public sealed class TlsClientHello
{
    private Diagnostics.ClientHelloView? _view;
    private string? _ja3;
    private string? _ja3Hash;
    private string? _ja4;
    private readonly byte[] _random;
    private readonly byte[] _sessionId;
    private readonly byte[] _data;
    private string[]? _extensionNames;

    internal TlsClientHello(int legacyVersion, byte[] random, byte[] sessionId, IReadOnlyList<int> cipherSuites,
        IReadOnlyList<int> compressionMethods, IReadOnlyList<TlsExtension> extensions, byte[] data)
    {
        LegacyVersion = legacyVersion;
        _random = random;
        _sessionId = sessionId;
        CipherSuites = cipherSuites;
        CompressionMethods = compressionMethods;
        ExtensionList = extensions;
        _data = data;
    }

    /// <summary>The legacy_version field, e.g. 771 (0x0303) for TLS 1.2 and 1.3 clients.</summary>
    public int LegacyVersion { get; }

    /// <summary>The client random, as uppercase hex.</summary>
    public string Random => Convert.ToHexString(_random);

    /// <summary>The legacy_session_id, as uppercase hex (empty when the client sent none).</summary>
    public string SessionId => Convert.ToHexString(_sessionId);

    /// <summary>The cipher suite code points offered, in the client's order, GREASE included.</summary>
    public IReadOnlyList<int> CipherSuites { get; }

    public IReadOnlyList<int> CompressionMethods { get; }

    /// <summary>The names of the extensions, in the client's order; <see cref="GetExtensions"/> gives them whole.</summary>
    public IReadOnlyList<string> Extensions => _extensionNames ??= ExtensionList.Select(e => e.Name).ToArray();

    public string? ServerName => View.ServerName;

    /// <summary>supported_versions, e.g. TLSv1.3, TLSv1.2.</summary>
    public IReadOnlyList<string> SupportedVersions => View.SupportedVersions;

    public IReadOnlyList<string> SupportedGroups => View.SupportedGroups;

    public IReadOnlyList<string> SignatureAlgorithms => View.SignatureAlgorithms;

    /// <summary>The groups of the key shares sent (TLS 1.3).</summary>
    public IReadOnlyList<string> KeyShareGroups => View.KeyShareGroups;

    public IReadOnlyList<string> ApplicationProtocols => View.ApplicationProtocols;

    /// <summary>The JA3 string: version,ciphers,extensions,groups,point formats (GREASE left out).</summary>
    public string Ja3 => _ja3 ??= Diagnostics.Fingerprints.Ja3(this, View);

    /// <summary>The MD5 of <see cref="Ja3"/>, as lowercase hex.</summary>
    public string Ja3Hash => _ja3Hash ??= Diagnostics.Fingerprints.Md5Hex(Ja3);

    /// <summary>The JA4 fingerprint (FoxIO), e.g. t13d1516h2_8daaf6152771_e5627efa2ab1.</summary>
    public string Ja4 => _ja4 ??= Diagnostics.Fingerprints.Ja4(this, View);

    /// <summary>The whole handshake message, header included, as uppercase hex; <see cref="GetData"/> gives the bytes.</summary>
    public string Data => Convert.ToHexString(_data);

    internal IReadOnlyList<TlsExtension> ExtensionList { get; }

    private Diagnostics.ClientHelloView View => _view ??= new Diagnostics.ClientHelloView(this);

    /// <summary>The extensions in the client's order: type, name, bytes and a decoding where known.</summary>
    public IReadOnlyList<TlsExtension> GetExtensions() => ExtensionList;

    /// <summary>A copy of the whole handshake message, header included.</summary>
    public byte[] GetData() => (byte[])_data.Clone();

    /// <summary>The extensions as s_server -tlsextdebug prints them.</summary>
    public string ToExtensionText() => Diagnostics.TraceText.Extensions(this);

    public override string ToString() => $"ClientHello {ServerName} JA3={Ja3Hash} JA4={Ja4}";
}
