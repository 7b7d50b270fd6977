namespace TlsServer.Engine.Config;

/// <summary>What a client certificate is checked against and how (s_server -CAfile, -CApath, -crl_check, -verify …).</summary>
/// <param name="VerifyDepth">How many CA certificates may follow the client's certificate.</param>
/// <param name="Purpose">The purpose the chain must allow (OpenSSL's name, e.g. sslclient).</param>
/// <param name="Verify">OpenSSL's verification options (-attime, -purpose, -verify_hostname …), checked.</param>
internal sealed record ClientVerifyConfig(
    int VerifyDepth,
    string Purpose,
    string? CAFile,
    string? CAPath,
    bool NoCAFile,
    bool NoCAPath,
    bool CrlCheck,
    bool CrlCheckAll,
    IReadOnlyList<string> CrlPaths,
    bool VerifyReturnError,
    VerifyOptions Verify)
{
    /// <summary>True when a trust file or folder was named: it is read at start even if no certificate is asked for.</summary>
    public bool TrustGiven => CAFile is not null || CAPath is not null || CrlPaths.Count > 0;
}
