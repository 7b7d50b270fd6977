namespace TlsServer.Engine.Config;

/// <summary>How the server writes records: the plaintext cap per record and the TLS 1.3 middlebox ChangeCipherSpec.</summary>
/// <param name="MaxSendFragment">Null when not given: the TLS maximum, 2^14.</param>
internal sealed record RecordLayerConfig(int? MaxSendFragment, bool MiddleboxCompatibility);
