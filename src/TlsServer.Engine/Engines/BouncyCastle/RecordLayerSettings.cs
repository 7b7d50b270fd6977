namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>How the server writes records: the plaintext cap per record and the TLS 1.3 middlebox ChangeCipherSpec.</summary>
internal sealed record RecordLayerSettings(int MaxSendFragment, bool MiddleboxCompatibility)
{
    public static readonly RecordLayerSettings Default = new(ServerLimits.MaxSendFragment.Default, MiddleboxCompatibility: true);

    public static RecordLayerSettings From(Config.RecordLayerConfig c) =>
        new(c.MaxSendFragment ?? ServerLimits.MaxSendFragment.Default, c.MiddleboxCompatibility);
}
