namespace TlsServer.Engine.Tls;

/// <summary>How the server writes records: the plaintext cap per record and the TLS 1.3 middlebox ChangeCipherSpec.</summary>
internal sealed record RecordLayerSettings(int MaxSendFragment, bool MiddleboxCompatibility)
{
    public const int MaxFragmentLength = ServerOptions.DefaultMaxSendFragment;

    /// <summary>OpenSSL's floor for max_send_fragment.</summary>
    public const int MinFragmentLength = 512;

    public static readonly RecordLayerSettings Default = new(MaxFragmentLength, MiddleboxCompatibility: true);
}
