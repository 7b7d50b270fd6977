using TlsServer.Engine.Config;
using TlsServer.Engine.Credentials.Srp;
using TlsServer.Engine.Credentials;

namespace TlsServer.Engine;

/// <summary>The server's certificates (main, additional, SNI, extra chain) and shared secrets (PSK, SRP).</summary>
public sealed partial class ServerConfig
{
    private static CredentialConfig BuildCredentials(ServerOptions o, IReadOnlyList<TlsProtocol> versions)
    {
        if (o.Certificate is not null && (o.CertificatePath is not null || o.KeyPath is not null))
        {
            throw TlsServerException.Invalid(ErrorIds.CertificateSourceConflict, "Give either a certificate object or certificate and key paths, not both.");
        }

        CheckSharedSecrets(o, versions);
        var (main, byName) = CredentialSetLoader.Load(o.ChainPath, () => MainCredentials(o), o.ServerNameCredentials);
        return new CredentialConfig(main, byName, o.ServerNameFatal, PreSharedKeys.From(o.PreSharedKeys, o.PskIdentityHint),
            o.SrpVerifierPath is null ? null : SrpVerifierFile.Load(o.SrpVerifierPath, o.SrpUserSeed));
    }

    /// <summary>The main credential and the one beside it (s_server -cert, -dcert); null with -NoCertificate.</summary>
    private static IReadOnlyList<ServerCredential>? MainCredentials(ServerOptions o)
    {
        if (o.NoCertificate)
        {
            return null;
        }

        var credentials = new List<ServerCredential> { MainCredential(o) };
        if (o.AdditionalCertificate is not null)
        {
            credentials.Add(CredentialLoader.FromCertificate(o.AdditionalCertificate));
        }
        else if (o.AdditionalCertificatePath is not null)
        {
            credentials.Add(CredentialLoader.FromFiles(o.AdditionalCertificatePath, o.AdditionalKeyPath, o.AdditionalKeyPassword));
        }
        else if (o.AdditionalKeyPath is not null)
        {
            throw TlsServerException.Invalid(ErrorIds.KeyWithoutCertificate,
                "An additional key path was given without an additional certificate; give -AdditionalCertificatePath as well.");
        }

        return credentials;
    }

    /// <summary>A certificate object, certificate and key files, or a self-signed certificate made now.</summary>
    private static ServerCredential MainCredential(ServerOptions o)
    {
        if (o.Certificate is not null)
        {
            return CredentialLoader.FromCertificate(o.Certificate);
        }

        if (string.IsNullOrEmpty(o.CertificatePath))
        {
            if (!string.IsNullOrEmpty(o.KeyPath))
            {
                throw TlsServerException.Invalid(ErrorIds.KeyWithoutCertificate, "A key path was given without a certificate path; give -CertificatePath as well.");
            }

            return CredentialLoader.FromCertificate(SelfSignedCertificate.Create());
        }

        return CredentialLoader.FromFiles(o.CertificatePath, o.KeyPath, o.KeyPassword);
    }

    /// <summary>The PSK hint and SRP need TLS 1.2 or older among the versions the server actually serves.</summary>
    private static void CheckSharedSecrets(ServerOptions o, IReadOnlyList<TlsProtocol> versions)
    {
        bool tls12OrOlder = versions.Any(p => p != TlsProtocol.Tls13);
        if (o.PskIdentityHint is not null && o.PreSharedKeys is not { Count: > 0 })
        {
            throw TlsServerException.Invalid(ErrorIds.PskIdentityHintWithoutPsk, "-PskIdentityHint needs a key: add -Psk.", o.PskIdentityHint);
        }

        if (o.PskIdentityHint is not null && !tls12OrOlder)
        {
            throw TlsServerException.Invalid(ErrorIds.PskIdentityHintNotInTls13,
                "TLS 1.3 has no PSK identity hint (it was in the TLS 1.2 ServerKeyExchange); drop -PskIdentityHint or allow Tls12.", o.PskIdentityHint);
        }

        if (o.SrpUserSeed is not null && o.SrpVerifierPath is null)
        {
            throw TlsServerException.Invalid(ErrorIds.SrpUserSeedWithoutVerifierPath,
                "-SrpUserSeed hides unknown users of a verifier file; add -SrpVerifierPath.", o.SrpUserSeed);
        }

        if (o.SrpVerifierPath is not null && !tls12OrOlder)
        {
            throw TlsServerException.Invalid(ErrorIds.SrpNeedsTls12, "SRP exists only in TLS 1.2 and older (RFC 5054); allow Tls12 with -Protocol.", o.SrpVerifierPath);
        }
    }
}
