using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Tls;
using TlsServer.Engine.CipherSuites;
using TlsServer.Engine.Runtime;

namespace TlsServer.Engine.Engines.BouncyCastle;

/// <summary>Reads the outcome of a completed BouncyCastle handshake into <see cref="NegotiatedState"/>.</summary>
internal static class Negotiated
{
    /// <param name="keyExchangeGroup">The group chosen for a TLS 1.2 (EC)DHE key exchange, which BouncyCastle does not record.</param>
    /// <param name="groupName">The name of a custom DH group, which has no code point.</param>
    /// <param name="secureRenegotiation">What BouncyCastle said during the handshake (RFC 5746); null when it said nothing.</param>
    /// <param name="served">The certificate served and the scheme it signed with; null when anonymous.</param>
    public static NegotiatedState Read(TlsContext context, int keyExchangeGroup, string? groupName, bool? secureRenegotiation,
        (X509Certificate2 Certificate, string? Scheme)? served, byte[]? keyingMaterial)
    {
        var sp = context.SecurityParameters;
        int group = sp.NegotiatedGroup >= 0 ? sp.NegotiatedGroup : keyExchangeGroup;
        var peer = sp.PeerCertificate;
        return new NegotiatedState(
            BcVersions.FromBc(sp.NegotiatedVersion),
            sp.CipherSuite,
            CipherSuiteNames.IanaName(sp.CipherSuite),
            CipherSuiteNames.OpenSslName(sp.CipherSuite),
            group >= 0 ? NamedGroup.GetName(group) : groupName,
            HostName(sp.ClientServerNames),
            sp.ApplicationProtocol?.GetUtf8Decoding(),
            peer is { IsEmpty: false } ? new X509Certificate2(peer.GetCertificateAt(0).GetEncoded()) : null,
            sp.IsResumedSession,
            sp.SessionID is { Length: > 0 } id ? Convert.ToHexString(id) : null,
            sp.IsExtendedMasterSecret,
            sp.IsEncryptThenMac,
            secureRenegotiation,
            served?.Certificate,
            served?.Scheme,
            keyingMaterial);
    }

    public static string? HostName(IList<ServerName>? names)
    {
        var name = names?.FirstOrDefault(n => n.NameType == NameType.host_name);
        return name is null ? null : Diagnostics.PrintableText.FromAscii(name.NameData);
    }
}
