namespace TlsServer.Engine;

/// <summary>How a server asks for, verifies and judges client certificates. Frozen at start with the other options.</summary>
public sealed class ClientAuthenticationOptions
{
    public ClientCertificateMode Mode { get; init; } = ClientCertificateMode.None;

    /// <summary>How many CA certificates may follow the client's certificate (s_server -verify n).</summary>
    public int? VerifyDepth { get; init; }

    /// <summary>A PEM file of trusted CA certificates; its subjects are the CA names sent in the CertificateRequest. CRLs in it are used too.</summary>
    public string? CAFile { get; init; }

    /// <summary>A directory in OpenSSL's hashed layout (<c>openssl rehash</c>): certificates as hash.N, CRLs as hash.rN.</summary>
    public string? CAPath { get; init; }

    /// <summary>Do not load the default CA file when neither CAFile nor CAPath is given.</summary>
    public bool NoCAFile { get; init; }

    /// <summary>Do not load the default CA directory when neither CAFile nor CAPath is given.</summary>
    public bool NoCAPath { get; init; }

    /// <summary>Check the client certificate (the leaf) against CRLs.</summary>
    public bool CrlCheck { get; init; }

    /// <summary>Check every certificate of the chain against CRLs.</summary>
    public bool CrlCheckAll { get; init; }

    /// <summary>Files of CRLs, PEM or DER.</summary>
    public IReadOnlyList<string> CrlPaths { get; init; } = Array.Empty<string>();

    /// <summary>Fail the handshake with the matching alert when verification fails; otherwise record and continue, as s_server.</summary>
    public bool VerifyReturnError { get; init; }

    /// <summary>OpenSSL's verification options (-attime, -purpose, -verify_hostname …).</summary>
    public VerifyOptions Verify { get; init; } = new();
}
