namespace TlsServer.Engine.CipherSuites;

/// <summary>OpenSSL's names for the cipher suites, by IANA id.</summary>
internal static class OpenSslCipherNames
{
    public static readonly IReadOnlyDictionary<int, string> ById =
        OpenSslCipherTable.All.ToDictionary(c => c.Id, c => c.OpenSslName!);
}
