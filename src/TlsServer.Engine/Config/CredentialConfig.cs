using TlsServer.Engine.Credentials.Srp;
using TlsServer.Engine.Credentials;

namespace TlsServer.Engine.Config;

/// <summary>What the server proves itself with: its certificates, and the shared secrets of PSK and SRP.</summary>
/// <param name="Default">The set a client gets when its SNI matches no entry (main and additional); null with -NoCertificate.</param>
/// <param name="ByName">The SNI sets, in the order given.</param>
/// <param name="ServerNameFatal">A name that matches no entry ends the handshake with unrecognized_name.</param>
/// <param name="Psk">Pre-shared keys (-Psk), or null.</param>
/// <param name="Srp">SRP users (-SrpVerifierPath), or null.</param>
internal sealed record CredentialConfig(
    CredentialSet? Default,
    IReadOnlyList<CredentialSet> ByName,
    bool ServerNameFatal,
    PreSharedKeys? Psk,
    SrpVerifierFile? Srp)
{
    /// <summary>Every set, the default first.</summary>
    public IEnumerable<CredentialSet> All => ByName.Prepend(Default).OfType<CredentialSet>();
}
