using TlsServer.Engine.CipherSuites;
using TlsServer.Engine.Config;
using TlsServer.Engine.Credentials;
using TlsServer.Engine.Engines;
using TlsServer.Engine.Registry;

namespace TlsServer.Engine;

/// <summary>Versions, groups, signature schemes and cipher suites, once the credentials are known.</summary>
public sealed partial class ServerConfig
{
    private static ProtocolConfig BuildProtocol(ServerOptions o, IReadOnlyList<TlsProtocol> versions, CredentialConfig credentials,
        List<string> warnings)
    {
        versions = CheckCompatibility(o, versions, credentials, warnings);
        var groups = o.Groups is null ? null : NamedGroups.Parse(o.Groups);
        var dh = o.DhParameterPath is null ? null : DhParameters.Read(o.DhParameterPath);
        var schemes = o.SignatureAlgorithms is null ? null : SignatureAlgorithmNames.Parse(o.SignatureAlgorithms, "SignatureAlgorithm");
        var clientSchemes = o.ClientSignatureAlgorithms is null ? null
            : SignatureAlgorithmNames.Parse(o.ClientSignatureAlgorithms, "ClientSignatureAlgorithm");
        var sets = credentials.All.ToArray();
        var request = new CipherRequest(o.Cipher, o.CipherSuites, o.NoCertificate, o.PreSharedKeys is { Count: > 0 }, o.SrpVerifierPath is not null,
            o.NoDhe, versions, sets.SelectMany(s => s.Credentials).Select(c => c.KeyType).Distinct().ToArray());
        var selection = CipherSuiteSelection.Select(request, ServerEngines.Suites(o.Engine));
        warnings.AddRange(selection.Warnings);
        var suites = selection.Offered.Select(c => c.Id).ToArray();
        if (suites.Length == 0)
        {
            var reasons = selection.Expanded.Select(e => e.LeftOutBecause).OfType<string>().ToArray();
            throw TlsServerException.Invalid(ErrorIds.NoCipherSuite,
                "No cipher suite is left to serve " + string.Join(", ", versions) + ". " + string.Join(" ", selection.Warnings)
                + (reasons.Length == 0 ? string.Empty : " The suites selected were left out because "
                    + string.Join("; ", reasons.GroupBy(r => r).Select(g => $"{g.Key} ({g.Count()})")) + "."), o.Cipher);
        }

        CipherSuiteSelection.CheckEverySetCanServe(sets, suites);
        return new ProtocolConfig(
            versions,
            suites,
            groups,
            o.ServerPreference,
            ExtendedMasterSecret: !o.NoExtendedMasterSecret,
            EncryptThenMac: !o.NoEncryptThenMac,
            new RecordLayerConfig(o.MaxSendFragment, MiddleboxCompatibility: !o.NoMiddleboxCompatibility),
            schemes,
            clientSchemes,
            SecurityLevel.AllowsSha1Signatures(o.Cipher, schemes),
            dh,
            o.MaxHandshakeMessageSize);
    }
}
