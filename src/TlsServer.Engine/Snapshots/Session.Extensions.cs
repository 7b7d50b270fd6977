using TlsServer.Engine.Runtime;

namespace TlsServer.Engine;

/// <summary>What the extension and diagnostic features add to a session snapshot.</summary>
public sealed partial class Session
{
    private Diagnostics.MessageLog? _messages;

    /// <summary>The client's first ClientHello, decoded, with JA3 and JA4.</summary>
    public TlsClientHello? ClientHello { get; private set; }

    /// <summary>The client's extensions in its order (kept with -TlsExtDebug).</summary>
    public IReadOnlyList<TlsExtension>? ClientExtensions { get; private set; }

    /// <summary>The keying material exported after the handshake (-KeyingMaterialLabel), as uppercase hex like s_client prints it.</summary>
    public string? KeyingMaterial { get; private set; }

    /// <summary>True when an OCSP response was stapled to this session's certificate.</summary>
    public bool OcspStapled { get; private set; }

    /// <summary>Why no OCSP response was stapled although the client asked for one (the last one expired and no fresh one was fetched).</summary>
    public string? OcspError { get; private set; }

    /// <summary>The stapled OCSP response, parsed (-StatusVerbose).</summary>
    public TlsOcspResponse? OcspResponse { get; private set; }

    /// <summary>How many protocol messages were recorded (-Msg), kept or past the limit.</summary>
    public int MessageCount { get; private set; }

    /// <summary>The protocol messages recorded so far, in order (empty without -Msg).</summary>
    public IReadOnlyList<TlsMessage> GetMessages() => _messages?.Snapshot() ?? Array.Empty<TlsMessage>();

    private void CopyExtensions(SessionRecord r)
    {
        _messages = r.MessageLog;
        MessageCount = r.MessageLog?.Count ?? 0;
        ClientHello = r.ClientHello;
        ClientExtensions = r.ClientExtensions;
        KeyingMaterial = r.KeyingMaterial is null ? null : Convert.ToHexString(r.KeyingMaterial);
        OcspStapled = r.OcspStapled;
        OcspError = r.OcspError;
        OcspResponse = r.OcspResponse;
    }
}
