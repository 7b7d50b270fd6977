namespace TlsServer.Engine;

/// <summary>What <see cref="Server.Renegotiate"/> is asked to do (s_server's r, R, k and K).</summary>
public sealed class RenegotiationOptions
{
    /// <summary>TLS 1.3: set update_requested in the KeyUpdate, so the client updates its keys too (s_server's K).</summary>
    public bool RequestPeerUpdate { get; init; }

    /// <summary>TLS 1.2: send only a HelloRequest and report the client's answer; no renegotiation can follow.</summary>
    public bool HelloRequestOnly { get; init; }

    /// <summary>s_server's R. Not possible: BouncyCastle can neither renegotiate nor do TLS 1.3 post-handshake auth.</summary>
    public bool RequestClientCertificate { get; init; }
}
