using System.Security.Cryptography.X509Certificates;

namespace TlsServer.Engine;

/// <summary>The credential served to clients that ask for <see cref="HostName"/> (SNI): a certificate object or files.</summary>
public sealed class ServerNameCredential
{
    /// <summary>A DNS name, or a wildcard like *.example.test that matches one label.</summary>
    public required string HostName { get; init; }

    public X509Certificate2? Certificate { get; init; }

    public string? CertificatePath { get; init; }

    public string? KeyPath { get; init; }

    /// <summary>The caller owns the array.</summary>
    public char[]? KeyPassword { get; init; }
}
