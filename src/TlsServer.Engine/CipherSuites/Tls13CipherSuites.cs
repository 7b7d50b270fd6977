using TlsServer.Engine.Registry;

namespace TlsServer.Engine.CipherSuites;

/// <summary>TLS 1.3 suite lists, as OpenSSL's -ciphersuites takes them.</summary>
internal static class Tls13CipherSuites
{
    /// <summary>OpenSSL's default TLS 1.3 suites, in its order.</summary>
    public static readonly IReadOnlyList<string> Default = new[]
    {
        "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256",
    };

    public static IReadOnlyList<CipherSuiteInfo> Parse(IEnumerable<string>? names)
    {
        var result = new List<CipherSuiteInfo>();
        foreach (var name in NamedGroups.Split(names ?? Default))
        {
            var suite = CipherSuiteCatalog.Find(name);
            if (suite is not { IsTls13: true })
            {
                throw TlsServerException.Invalid(ErrorIds.CipherSuiteUnknown,
                    $"'{name}' is not a TLS 1.3 cipher suite. Use TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256, TLS_AES_128_GCM_SHA256, TLS_AES_128_CCM_SHA256 or TLS_AES_128_CCM_8_SHA256; older suites go in -Cipher.",
                    name);
            }

            if (!result.Contains(suite))
            {
                result.Add(suite);
            }
        }

        return result;
    }
}
