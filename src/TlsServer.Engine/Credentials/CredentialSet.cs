namespace TlsServer.Engine.Credentials;

/// <summary>The credentials one client may be served from (e.g. RSA beside ECDSA); the suite or signature scheme picks.</summary>
internal sealed class CredentialSet
{
    public CredentialSet(IReadOnlyList<ServerCredential> credentials, string? hostName = null)
    {
        Credentials = credentials;
        HostName = hostName;
    }

    public IReadOnlyList<ServerCredential> Credentials { get; }

    /// <summary>The SNI name this set answers, or null for the default set.</summary>
    public string? HostName { get; }

    public bool Matches(string name)
    {
        if (HostName is null)
        {
            return false;
        }

        if (HostName.StartsWith("*.", StringComparison.Ordinal))
        {
            int dot = name.IndexOf('.');
            return dot > 0 && name[(dot + 1)..].Equals(HostName[2..], StringComparison.OrdinalIgnoreCase);
        }

        return name.Equals(HostName, StringComparison.OrdinalIgnoreCase);
    }
}
