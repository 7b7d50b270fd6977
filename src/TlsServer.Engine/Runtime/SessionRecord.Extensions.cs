using TlsServer.Engine.Diagnostics;

namespace TlsServer.Engine.Runtime;

/// <summary>What the extension and diagnostic features add to a session: ClientHello, messages, OCSP, keying material.</summary>
internal sealed partial class SessionRecord
{
    public TlsClientHello? ClientHello { get; private set; }
    public IReadOnlyList<TlsExtension>? ClientExtensions { get; private set; }
    public MessageLog? MessageLog { get; private set; }
    public byte[]? KeyingMaterial { get; private set; }
    public TlsOcspResponse? OcspResponse { get; private set; }
    public bool OcspStapled { get; private set; }
    public string? OcspError { get; private set; }

    /// <summary>Set before the session is shared; the log itself is thread-safe.</summary>
    public void SetMessageLog(MessageLog log) => MessageLog = log;

    public void SetClientHello(TlsClientHello hello, bool keepExtensions)
    {
        lock (_gate)
        {
            ClientHello = hello;
            ClientExtensions = keepExtensions ? hello.ExtensionList : null;
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
