namespace TlsServer.Engine;

/// <summary>How the CertificateChain fault changes the chain the server sends.</summary>
public enum TlsCertificateChainFault
{
    /// <summary>The chain in reverse order: the leaf last.</summary>
    Reversed,

    /// <summary>The chain and one unrelated self-signed certificate after it.</summary>
    ExtraCertificate,

    /// <summary>The leaf alone, without the intermediates -ChainPath gave.</summary>
    NoIntermediate,

    /// <summary>A Certificate message with no certificate at all.</summary>
    Empty,
}
