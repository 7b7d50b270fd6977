namespace TlsServer.Engine.Verification;

/// <summary>Checks the client-certificate options; an option BouncyCastle cannot honour is refused by name.</summary>
internal static class ClientAuthenticationValidator
{
    public static void Validate(ClientAuthenticationOptions o)
    {
        if (o.VerifyDepth < 0)
        {
            throw Invalid("VerifyDepthOutOfRange", "The verify depth must be 0 or more.", o.VerifyDepth);
        }

        foreach (string name in o.Verify.Given)
        {
            if (VerifyOptions.Unsupported.TryGetValue(name, out string? why))
            {
                throw new TlsServerException("VerifyOptionNotSupported", ErrorKind.NotImplemented,
                    $"The verification option '{name}' cannot be honoured: {why}.", name);
            }
        }

        if (o.Verify.Purpose is { } purpose && !CertificateChecks.Purposes.ContainsKey(purpose))
        {
            throw Invalid("VerifyOptionInvalid",
                $"'{purpose}' is not a purpose; use one of {string.Join(", ", CertificateChecks.Purposes.Keys)}.", purpose);
        }

        if (o.Verify.VerifyName is { } profile && !CertificateChecks.Profiles.ContainsKey(profile))
        {
            throw Invalid("VerifyOptionInvalid",
                $"'{profile}' is not a verification profile; use one of {string.Join(", ", CertificateChecks.Profiles.Keys)}.", profile);
        }

        if (o.Verify.VerifyIP is { } ip && !System.Net.IPAddress.TryParse(ip, out _))
        {
            throw Invalid("VerifyOptionInvalid", $"verify_ip needs an IP address; '{ip}' is not one.", ip);
        }

        foreach (string policy in o.Verify.Policies)
        {
            if (!Org.BouncyCastle.Asn1.DerObjectIdentifier.TryFromID(policy, out _))
            {
                throw Invalid("VerifyOptionInvalid", $"policy needs an OID such as 2.5.29.32.0; '{policy}' is not one.", policy);
            }
        }
    }

    private static TlsServerException Invalid(string id, string message, object? target) =>
        new(id, ErrorKind.InvalidArgument, message, target);
}
