using TlsServer.Engine.Engines;
using TlsServer.Engine.Registry;

namespace TlsServer.Engine.CipherSuites;

/// <summary>
/// Every suite a name can refer to: OpenSSL's (with its algorithm classes) and the ones only BouncyCastle has,
/// which are known by their IANA name alone and take no part in aliases.
/// </summary>
internal static class CipherSuiteCatalog
{
    private static readonly Lazy<Dictionary<int, CipherSuiteInfo>> ById = new(Build);
    private static readonly Lazy<Dictionary<string, CipherSuiteInfo>> ByOpenSslName = new(() =>
        OpenSslCipherTable.All.ToDictionary(c => c.OpenSslName!, StringComparer.Ordinal));
    private static readonly Lazy<Dictionary<string, CipherSuiteInfo>> ByIanaName = new(() =>
        ById.Value.Values.ToDictionary(c => c.IanaName, StringComparer.OrdinalIgnoreCase));

    /// <summary>OpenSSL's TLS 1.2-and-older suites, in the order its preference rules start from.</summary>
    public static IReadOnlyList<CipherSuiteInfo> CipherStringUniverse { get; } =
        OpenSslCipherTable.All.Where(c => !c.IsTls13).ToArray();

    public static CipherSuiteInfo? Get(int id) => ById.Value.GetValueOrDefault(id);

    /// <summary>OpenSSL names match exactly, as in OpenSSL; IANA names match in any case.</summary>
    public static CipherSuiteInfo? Find(string name) =>
        ByOpenSslName.Value.GetValueOrDefault(name) ?? ByIanaName.Value.GetValueOrDefault(name);

    /// <summary>OpenSSL's suites, and the registry's others that BouncyCastle implements, described from its tables.</summary>
    private static Dictionary<int, CipherSuiteInfo> Build()
    {
        var all = OpenSslCipherTable.All.ToDictionary(c => c.Id);
        foreach (int id in IanaCipherSuites.All)
        {
            if (!all.ContainsKey(id) && ServerEngines.DescribeSuite(id) is { } info)
            {
                all[id] = info;
            }
        }

        return all;
    }
}
