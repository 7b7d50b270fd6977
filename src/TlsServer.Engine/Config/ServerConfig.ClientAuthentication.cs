using TlsServer.Engine.Config;
using TlsServer.Engine.Verification;

namespace TlsServer.Engine;

/// <summary>Client certificates: the verification options are checked before anything loads; the trust store loads after the credentials.</summary>
public sealed partial class ServerConfig
{
    private static ClientVerifyConfig BuildClientVerification(ClientAuthenticationOptions o)
    {
        foreach (string given in o.Verify.Given)
        {
            if (VerifyOptions.Unsupported.TryGetValue(given, out string? why))
            {
                throw TlsServerException.NotSupported(ErrorIds.VerifyOptionNotSupported, $"The verification option '{given}' cannot be honoured: {why}.", given);
            }
        }

        if (o.VerifyDepth is not null && o.Verify.VerifyDepth is not null)
        {
            throw TlsServerException.Invalid(ErrorIds.VerifyDepthConflict,
                "-VerifyDepth and -VerifyOption's verify_depth both set how many CA certificates may follow the client's; give one of them.",
                o.VerifyDepth);
        }

        if (o.Verify.Purpose is { } purpose && !CertificateChecks.Purposes.ContainsKey(purpose))
        {
            throw TlsServerException.Invalid(ErrorIds.VerifyOptionInvalid,
                $"'{purpose}' is not a purpose; use one of {string.Join(", ", CertificateChecks.Purposes.Keys)}.", purpose);
        }

        if (o.Verify.VerifyName is { } profile && !CertificateChecks.Profiles.ContainsKey(profile))
        {
            throw TlsServerException.Invalid(ErrorIds.VerifyOptionInvalid,
                $"'{profile}' is not a verification profile; use one of {string.Join(", ", CertificateChecks.Profiles.Keys)}.", profile);
        }

        if (o.Verify.VerifyIP is { } ip && !System.Net.IPAddress.TryParse(ip, out _))
        {
            throw TlsServerException.Invalid(ErrorIds.VerifyOptionInvalid, $"verify_ip needs an IP address; '{ip}' is not one.", ip);
        }

        foreach (string policy in o.Verify.Policies.Where(p => !OpenSslPolicy.IsOid(p)))
        {
            throw TlsServerException.Invalid(ErrorIds.VerifyOptionInvalid, $"policy needs an OID such as 2.5.29.32.0; '{policy}' is not one.", policy);
        }

        string purposeName = o.Verify.Purpose ?? (o.Verify.VerifyName is { } name ? CertificateChecks.Profiles[name] : "sslclient");
        return new ClientVerifyConfig(o.Verify.VerifyDepth ?? o.VerifyDepth ?? ServerLimits.VerifyDepth.Default, purposeName,
            o.CAFile, o.CAPath, o.NoCAFile, o.NoCAPath, o.CrlCheck, o.CrlCheckAll, o.CrlPaths, o.VerifyReturnError, o.Verify);
    }

    /// <summary>Reads the trust store when a certificate is asked for, or when trust files were named (so a bad one fails now).</summary>
    private static ClientAuthConfig BuildClientAuth(ServerOptions o, ClientVerifyConfig verify)
    {
        var mode = o.ClientAuthentication.Mode;
        var trust = mode != ClientCertificateMode.None || verify.TrustGiven ? TrustStore.Load(verify) : null;
        return new ClientAuthConfig(mode, verify, trust);
    }
}
