using TlsServer.Engine.Diagnostics;

namespace TlsServer.Engine.Runtime;

/// <summary>What the extension and diagnostic features add to a session: ClientHello, messages, OCSP, keying material.</summary>
internal sealed partial class SessionRecord
{
    private byte[]? _clientHelloMessage;
    private TlsClientHello? _clientHello;
    private bool _keepClientExtensions;

    /// <summary>Whether the ClientHello was recorded; it is decoded only when first read.</summary>
    public bool HasClientHello
    {
        get { lock (_gate) { return _clientHelloMessage is not null; } }
    }

    /// <summary>The recorded ClientHello, decoded when first read (most sessions are never read).</summary>
    public TlsClientHello? ClientHello
    {
        get
        {
            lock (_gate)
            {
                return _clientHello ??= _clientHelloMessage is { } message ? ClientHelloParser.TryParse(message) : null;
            }
        }
    }

    public IReadOnlyList<TlsExtension>? ClientExtensions
    {
        get { lock (_gate) { return _keepClientExtensions ? ClientHello?.ExtensionList : null; } }
    }
    public MessageLog? MessageLog { get; private set; }
    public byte[]? KeyingMaterial { get; private set; }
    public TlsOcspResponse? OcspResponse { get; private set; }
    public bool OcspStapled { get; private set; }
    public string? OcspError { get; private set; }

    /// <summary>Set before the session is shared; the log itself is thread-safe.</summary>
    public void SetMessageLog(MessageLog log) => MessageLog = log;

    /// <param name="message">A well-formed ClientHello (<see cref="ClientHelloParser.IsWellFormed"/>), header included; kept as it is.</param>
    public void SetClientHello(byte[] message, bool keepExtensions)
    {
        lock (_gate)
        {
            _clientHelloMessage = message;
            _keepClientExtensions = keepExtensions;
        }
    }

    public void SetStapled(TlsOcspResponse? response)
    {
        lock (_gate)
        {
            OcspStapled = true;
            OcspResponse = response;
        }
    }

    /// <summary>The client asked for the OCSP response and the server had no valid one to staple.</summary>
    public void SetOcspError(string? reason)
    {
        lock (_gate)
        {
            OcspError = reason;
        }
    }
}
